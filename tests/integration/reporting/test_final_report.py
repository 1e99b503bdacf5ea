"""The final report over real logs: the page and its export, ``duuni report --final``, and
a replay of its facts that rebuilds exactly the live projection."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from services.reporting.adapters.environment import LogDatabases
from services.reporting.adapters.processes import ProcessRunner
from services.reporting.adapters.store import SqlFactStore
from services.reporting.cli import reporting_cli
from services.reporting.config import ReportingSettings
from services.reporting.domain.figures import Period
from services.reporting.domain.final_report import final_report
from services.reporting.service_layer.replay import replay
from shared.web.service import WebService
from tests.integration.reporting.builders import Logs
from tests.integration.reporting.web import sign_in, wait_for_projection
from tests.unit.reporting.builders import PROJECT
from tests.unit.reporting.final_builders import employers_events, money_events, services_events

PAGE = f"/p/{PROJECT}/reports/final"
RUN = {"start": "2018-01-01", "end": "2020-01-31"}


def the_whole_project(logs: Logs, project: str = PROJECT) -> None:
    logs.record(*services_events(), *employers_events(), *money_events(), project=project)


def test_a_replay_in_shares_rebuilds_the_final_reports_facts_as_live(
    logs: Logs, reporting: WebService, data_dir: Path
) -> None:
    projects = ("S20001", "S20002", "S20003")
    for project in projects:
        the_whole_project(logs, project)
    reporting.runtime.catch_up()
    store = SqlFactStore(reporting.runtime.log.db, reporting.runtime.store)
    live = store.all_facts()
    period = Period(date(2018, 1, 1), date(2020, 1, 31))

    replay(LogDatabases.of(ReportingSettings(data_dir=data_dir)), shares=2,
           runner=ProcessRunner("spawn"))  # fmt: skip

    rebuilt = store.all_facts()
    assert rebuilt == live
    for project in projects:
        final = final_report(rebuilt.of_project(project), period)
        assert final.money.realised_cents == 225_303_00
        assert final.report.figure("services.programmes").cumulative == 2


def test_a_project_manager_reads_the_final_report_with_drill_downs_and_log_heads(
    client: TestClient, logs: Logs
) -> None:
    the_whole_project(logs)
    sign_in(client, "manager")
    wait_for_projection(client, "services.programmes")
    client.cookies.set("duuni_lang", "en")

    page = client.get(PAGE, params=RUN)

    assert page.status_code == 200
    headings = re.findall(r'<h2 id="[a-z]+-heading">([^<]+)</h2>', page.text)
    assert [h for h in headings if h != "Six months after leaving"] == [
        "Participants", "Leavers and their situation upon leaving",
        "Outcomes during participation", "Services", "Companies and other employers",
        "Budget and realised cost",
    ]  # fmt: skip
    assert f'href="/p/{PROJECT}/reports/figures/services.programmes.named.DuuniKaverit?' in (
        page.text
    )
    assert "€225,303.00" in page.text and "€242,550.00" in page.text
    assert "€157,712.10" in page.text  # the ESF's 70 % of the realised cost
    assert "not planned" not in page.text.split('id="money"')[1].split("</section>")[0]
    heads = re.findall(r'<code class="hash">([0-9a-f]{64})</code>', page.text.replace("<wbr>", ""))
    assert len(heads) == 4
    assert "placed in a job during participation" in page.text


def test_the_export_is_one_printable_file_of_the_same_report(
    client: TestClient, logs: Logs
) -> None:
    the_whole_project(logs)
    sign_in(client, "auditor")
    wait_for_projection(client, "services.programmes")

    export = client.get(f"{PAGE}/export.html", params=RUN)

    assert export.status_code == 200
    assert export.headers["content-disposition"] == (
        f'attachment; filename="final-report-{PROJECT}-2018-01-01-2020-01-31.html"'
    )
    assert "<style>" in export.text and "<script" not in export.text
    assert "/reports/figures/" not in export.text  # nothing to click on paper
    assert "225\u00a0303,00\u00a0€" in export.text  # the reader's language: Finnish by default


def test_the_named_programme_kind_opens_its_clients(client: TestClient, logs: Logs) -> None:
    the_whole_project(logs)
    sign_in(client, "manager")
    wait_for_projection(client, "services.programmes")

    page = client.get(
        f"/p/{PROJECT}/reports/figures/services.programmes.named.DuuniKaverit", params=RUN
    )

    assert page.status_code == 200
    assert "<h1>DuuniKaverit</h1>" in page.text
    report = client.get(f"/p/{PROJECT}/reports", params=RUN)
    assert report.status_code == 200
    assert '<th scope="row">DuuniKaverit</th>' in report.text
    assert "Työssävalmennuksen aloittaneet asiakkaat" in report.text


def test_a_bad_date_is_told_at_its_field_and_another_project_sees_nothing(
    client: TestClient, logs: Logs
) -> None:
    sign_in(client, "manager")
    wait_for_projection(client)

    refused = client.get(PAGE, params={"start": "2019-13-01"})
    upside_down = client.get(PAGE, params={"start": "2019-12-01", "end": "2019-01-01"})
    sign_in(client, "stranger")
    other = client.get(PAGE)

    assert refused.status_code == 422
    assert "Anna päivämäärä" in refused.text
    assert upside_down.status_code == 422
    assert other.status_code in (403, 404)


def test_duuni_report_final_prints_the_sections_and_the_heads(logs: Logs, data_dir: Path) -> None:
    the_whole_project(logs)
    runner = CliRunner()

    table = runner.invoke(reporting_cli, ["report", "--project", PROJECT, "--final", "--start",
                                          "2018-01-01", "--end", "2020-01-31",
                                          "--data-dir", str(data_dir)])  # fmt: skip
    as_json = runner.invoke(reporting_cli, ["report", "--project", PROJECT, "--final",
                                            "--format", "json", "--end", "2020-01-31",
                                            "--data-dir", str(data_dir)])  # fmt: skip

    assert table.exit_code == 0, table.output
    assert "Budget and realised cost" in table.output
    assert "€225,303.00" in table.output
    assert "head " in table.output and "counting rules" in table.output
    body = json.loads(as_json.output)
    assert body["period"]["start"] == "2018-01-01"  # the first booking: the project's run
    money = next(s for s in body["sections"] if s["section"] == "money")
    lines = {line["key"]: line for line in money["lines"]}
    assert lines["money.realised"]["value"] == 225_303_00
    assert set(body["logs"]) == {"intake", "coaching", "matching", "reporting"}

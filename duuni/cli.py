"""The ``duuni`` command line (entrypoint layer).

User mistakes end in one clear line on stderr and a non-zero exit code, never a
traceback; a verification that finds tampering exits 1.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import Progress, TaskID
from sqlalchemy.exc import SQLAlchemyError

from duuni.dev_cli import dev_app
from duuni.i18n_cli import i18n_app
from duuni.import_cli import ImportRefused, import_app
from duuni.partners_cli import PartnersError, partners_app
from duuni.privacy_cli import PrivacyError, access_log_verdict, privacy_app
from duuni.projects_cli import ProjectError, projects_app
from duuni.services import SERVICES, settings_for
from duuni.storage_cli import StorageError, backup_command, migrate_app, restore_command
from duuni.users_cli import AccountRefused, users_app
from services.intake.adapters.sealing import MasterKeyMissing
from services.reporting.cli import audit_cli, replay_command, report_command
from shared.backup import BackupRefused
from shared.cli import DataDir, err, out
from shared.eventlog.port import EventLogError
from shared.eventlog.sql import SqlEventLog, open_database
from shared.migrations import SchemaError
from shared.observability.logs import configure_logging

if TYPE_CHECKING:
    from fastapi import FastAPI

app = typer.Typer(
    help="Duuni: case management for ESF employment-coaching projects.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
log_app = typer.Typer(help="Inspect and verify the event logs.", no_args_is_help=True)
bench_app = typer.Typer(help="Benchmarks that print a table.", no_args_is_help=True)
app.add_typer(log_app, name="log")
app.add_typer(bench_app, name="bench")
app.add_typer(users_app, name="users")
app.add_typer(projects_app, name="projects")
app.add_typer(partners_app, name="partners")
app.add_typer(privacy_app, name="privacy")
app.add_typer(i18n_app, name="i18n")
app.add_typer(dev_app, name="dev")
app.add_typer(import_app, name="import")
app.add_typer(migrate_app, name="migrate")
app.command("backup")(backup_command)
app.command("restore")(restore_command)
app.command("replay")(replay_command)
app.command("report")(report_command)
app.add_typer(audit_cli, name="audit")
contract_app = typer.Typer(help="The public event contract for partners.", no_args_is_help=True)
app.add_typer(contract_app, name="contract")

ServiceName = Annotated[
    str, typer.Option("--service", "-s", help="intake, coaching, matching, reporting or all.")
]


class UserError(Exception):
    """A mistake the user can fix; shown as one line."""


def _names(service: str) -> list[str]:
    if service == "all":
        return list(SERVICES)
    if service not in SERVICES:
        raise UserError(f"unknown service {service!r}: choose one of {', '.join(SERVICES)} or all")
    return [service]


def _open_log(name: str, data_dir: Path) -> SqlEventLog:
    settings = settings_for(name, data_dir)
    url = settings.resolved_database_url()
    if url.startswith("sqlite") and not (data_dir / f"{name}.sqlite3").exists():
        raise UserError(f"no {name} log in {data_dir}: start the system with 'duuni up' first")
    return SqlEventLog(open_database(url, schema=settings.resolved_schema()), name).create()


@app.command()
def up(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool, typer.Option(help="On a first start, load the demo project and print its login.")
    ] = False,
    data_dir: DataDir = Path("data"),
) -> None:
    """Run all four services in one process on the embedded SQLite log."""
    from duuni.app import create_app

    out.print(f"Duuni: all services on http://{host}:{port}  (API docs: /docs, health: /health)")
    out.print(f"Event logs in {data_dir.resolve()}")
    if demo and _no_users_yet(data_dir):
        _load_demo(data_dir)
    elif _no_users_yet(data_dir):
        out.print(
            "No users yet. In another terminal, register a project and create its users:\n"
            f"  duuni projects add S21048 --name DuuniAgentti --municipality Lohja "
            f"--starts 2026-01-01 --ends 2027-12-31 --min-age 50 --data-dir {data_dir}\n"
            f"  duuni users add admin --role admin --data-dir {data_dir}\n"
            f"  duuni users add coach --role coach --project S21048 --data-dir {data_dir}",
            highlight=False,
        )
    configure_logging("all")
    _serve(create_app(data_dir), host, port)


def _serve(web_app: FastAPI, host: str, port: int) -> None:
    """Serve until Ctrl-C. Forwarded headers (client address, HTTPS) are believed only from
    the proxies named in ``DUUNI_TRUSTED_PROXIES`` (comma-separated addresses), never by
    default: otherwise anyone could pick their own address and dodge the sign-in limits."""
    import uvicorn

    from shared.collector import collect_less_often

    collect_less_often()
    trusted = os.environ.get("DUUNI_TRUSTED_PROXIES", "").strip()
    uvicorn.run(
        web_app,
        host=host,
        port=port,
        log_config=None,
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or None,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        timeout_graceful_shutdown=SHUTDOWN_SECONDS,
    )


@app.command("demo")
def demo_command(
    clients: Annotated[int, typer.Option(help="Clients of the demo project.")] = 300,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic data.")] = 2026,
    data_dir: DataDir = Path("data"),
) -> None:
    """Load a realistic synthetic project (two years of work) into an empty data folder."""
    if not _no_users_yet(data_dir):
        raise UserError(f"{data_dir} already has users: the demo loads into an empty folder")
    _load_demo(data_dir, clients=clients, seed=seed)


def _load_demo(data_dir: Path, *, clients: int = 300, seed: int = 2026) -> None:
    from duuni.demo import DemoError, load_demo

    try:
        logins = load_demo(data_dir, clients=clients, seed=seed, console=out)
    except DemoError as error:
        raise UserError(str(error)) from error
    out.print(logins.describe(), highlight=False)


KEEP_ALIVE_SECONDS = 30
"""Longer than a browser's or a proxy's idle timeout: the server never closes under a request."""
SHUTDOWN_SECONDS = 20
"""On SIGTERM, requests in flight get this long to finish; then the consumers stop."""


def _no_users_yet(data_dir: Path) -> bool:
    from services.intake.adapters.accounts import SqlAccountStore
    from services.intake.service_layer.accounts import needs_first_admin

    settings = settings_for("intake", data_dir)
    db = open_database(settings.resolved_database_url(), schema=settings.resolved_schema())
    try:
        return needs_first_admin(SqlAccountStore(db).create())
    finally:
        db.dispose()


@app.command()
def serve(
    service: Annotated[str, typer.Argument(help="intake, coaching, matching or reporting.")],
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    data_dir: DataDir = Path("data"),
) -> None:
    """Run one service alone, with its own database and consumers."""
    from duuni.app import create_app

    names = _names(service)
    configure_logging(service)
    _serve(create_app(data_dir, names), host, port)


@log_app.command("tail")
def log_tail(
    service: ServiceName = "intake",
    after: Annotated[int, typer.Option(help="Show events after this position.")] = 0,
    limit: Annotated[int, typer.Option(help="How many events at most.")] = 20,
    follow: Annotated[
        bool, typer.Option("--follow", "-f", help="Keep printing new events.")
    ] = False,
    data_dir: DataDir = Path("data"),
) -> None:
    """Print the latest events of a service's log, one line each."""
    [name] = _names(service)
    event_log = _open_log(name, data_dir)
    if after == 0 and not follow:
        after = max(0, event_log.head().position - limit)
    while True:
        for event in event_log.read_all(after, None if follow else limit):
            out.print(
                f"{event.position:>8}  {event.recorded_at[:19]}  {event.event_type:<32} "
                f"{event.stream_id}@{event.stream_version}  project={event.project_id} "
                f"actor={event.actor}",
                highlight=False,
            )
            after = event.position
        if not follow:
            return
        time.sleep(0.5)


@log_app.command("verify")
def log_verify(service: ServiceName = "all", data_dir: DataDir = Path("data")) -> None:
    """Recompute every hash chain; name the first edited, deleted, inserted or moved event."""
    failed = False
    for name in _names(service):
        event_log = _open_log(name, data_dir)
        total = event_log.head().position
        with Progress(console=err, transient=True) as progress:
            task = progress.add_task(f"verifying {name}", total=total or 1)

            def advance(done: int, task: TaskID = task) -> None:
                progress.update(task, completed=done)

            verdict = event_log.verify(advance)
        out.print(f"{name}: {verdict.describe()}", highlight=False)
        failed = failed or not verdict.ok
        if name == "intake" and (access := access_log_verdict(event_log.db)) is not None:
            out.print(f"access log of intake — {access.describe()}", highlight=False)
            failed = failed or not access.ok
    if failed:
        raise typer.Exit(1)


@bench_app.command("log")
def bench_log(
    events: Annotated[int, typer.Option(help="Events per batched and read scenario.")] = 200_000,
    engine: Annotated[
        list[str] | None, typer.Option(help="sqlite, postgres, kafka or tansu; repeat for several.")
    ] = None,
    repeats: Annotated[
        int, typer.Option(min=1, help="Runs of every scenario; the table gives medians.")
    ] = 5,
) -> None:
    """Append and read throughput of every engine, side by side with the eventsourcing library."""
    from bench.log import ENGINES, run_log_benchmark

    chosen = tuple(engine or ENGINES)
    unknown = [name for name in chosen if name not in ENGINES]
    if unknown:
        raise UserError(f"unknown engine {unknown[0]!r}: choose from {', '.join(ENGINES)}")
    # Wide enough for the whole table even when printed to a file or a pipe.
    run_log_benchmark(
        engines=chosen,
        events=events,
        console=Console(width=max(out.width, 110)),
        repeats=repeats,
    )


@bench_app.command("reads")
def bench_reads(
    reads: Annotated[int, typer.Option(help="Reads a run.")] = 2000,
    repeats: Annotated[int, typer.Option(min=1, help="Runs of each way, in turns.")] = 7,
) -> None:
    """What one small read costs a service on PostgreSQL, beside a bare psycopg floor."""
    from bench.pg_reads import LOCAL_POSTGRES, run_reads_benchmark

    url = os.environ.get("DATABASE_URL") or LOCAL_POSTGRES
    run_reads_benchmark(url, reads, repeats, console=Console(width=max(out.width, 110)))


@bench_app.command("intake")
def bench_intake(
    clients: Annotated[int, typer.Option(help="Clients in the project before measuring.")] = 10_000,
    requests: Annotated[int, typer.Option(help="Requests measured per action.")] = 300,
) -> None:
    """p50/p95/p99 latency of enrolment, client search and the client page over HTTP."""
    from bench.intake import run_intake_benchmark

    run_intake_benchmark(clients, requests, console=Console(width=max(out.width, 110)))


@bench_app.command("day")
def bench_day(
    clients: Annotated[int, typer.Option(help="Clients in the project.")] = 10_000,
    sessions: Annotated[int, typer.Option(help="Sessions in the project's history.")] = 200_000,
    requests: Annotated[int, typer.Option(help="Requests measured per page.")] = 100,
    keep: Annotated[
        Path | None, typer.Option(help="A folder to fill once and measure again later.")
    ] = None,
) -> None:
    """p50/p95/p99 of Today, the calendar's week and the client picker over HTTP."""
    from bench.coaching_pages import run_day_pages_benchmark

    console = Console(width=max(out.width, 110))
    run_day_pages_benchmark(clients, sessions, requests, console, keep=keep)


@contract_app.command("export")
def contract_export() -> None:
    """Write docs/events/contract.json from the services' event classes."""
    from duuni.contract import export

    out.print(f"wrote {export()}", highlight=False)


@contract_app.command("check")
def contract_check() -> None:
    """Exit 1 when the committed contract differs from what the event classes say."""
    from duuni.contract import render
    from shared.partners import DEFAULT_CONTRACT

    committed = DEFAULT_CONTRACT.read_text(encoding="utf-8") if DEFAULT_CONTRACT.exists() else ""
    if committed != render():
        err.print("the event classes changed: run `duuni contract export` and review the diff")
        raise typer.Exit(1)
    out.print("the committed contract matches the event classes")


@bench_app.command("messages")
def bench_messages(
    messages: Annotated[int, typer.Option(help="Messages sent per run.")] = 500,
    runs: Annotated[int, typer.Option(help="Runs; the rates are their medians.")] = 3,
) -> None:
    """Messages a second the outbox sends to a loopback SMTP server, against bare smtplib."""
    from bench.messages import run_messages_benchmark

    run_messages_benchmark(messages, runs, console=Console(width=max(out.width, 90)))


@bench_app.command("matching")
def bench_matching(
    clients: Annotated[int, typer.Option(help="Clients ranked for one lead.")] = 10_000,
    repeats: Annotated[int, typer.Option(help="Rankings measured.")] = 50,
) -> None:
    """Time to rank a project's clients for one lead, in memory and through the read model."""
    from bench.matching import run_matching_benchmark

    run_matching_benchmark(clients, repeats, console=Console(width=max(out.width, 110)))


@bench_app.command("replay")
def bench_replay(
    events: Annotated[int, typer.Option(help="Synthetic events to replay.")] = 1_000_000,
    engine: Annotated[
        list[str] | None, typer.Option(help="sqlite, postgres, kafka or tansu; repeat for several.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Processes for the replay (default: one a core).")
    ] = None,
    repeat: Annotated[
        int, typer.Option(min=1, help="Replays of the same history; medians are printed.")
    ] = 3,
) -> None:
    """Rebuild every reporting figure from synthetic events: time, events/s, peak memory."""
    from bench.replay import ENGINES, run_replay_benchmark

    chosen = list(engine or ("sqlite", "postgres", "kafka"))
    unknown = [name for name in chosen if name not in ENGINES]
    if unknown:
        raise UserError(f"unknown engine {unknown[0]!r}: choose from {', '.join(ENGINES)}")
    run_replay_benchmark(
        events=events, engines=chosen, workers=workers, repeat=repeat,
        console=Console(width=max(out.width, 110)),
    )  # fmt: skip


@bench_app.command("load")
def bench_load(
    coaches: Annotated[int, typer.Option(help="Concurrent simulated coaches.")] = 50,
    seconds: Annotated[
        float | None,
        typer.Option(help="How long they work (default 60 s; with --find 20 s a step)."),
    ] = None,
    think: Annotated[
        float | None,
        typer.Option(help="Mean seconds between a coach's clicks (default 5; 1 with --find)."),
    ] = None,
    find: Annotated[
        bool,
        typer.Option(
            "--find", help="Step the coaches up to the highest load with every p99 < 200 ms."
        ),
    ] = False,
    deployment: Annotated[
        str | None,
        typer.Option(
            help="multi (a process per service on PostgreSQL + Kafka), embedded (duuni up) "
            "or both (default multi; both with --find)."
        ),
    ] = None,
    warm_up: Annotated[
        float,
        typer.Option(
            help="Seconds not counted at the start (of each step, with --find): every "
            "coach's first request asks who is signed in."
        ),
    ] = 5.0,
) -> None:
    """Requests/s and p50/p95/p99 per action; with --find, the capacity of each deployment."""
    from bench.load import DEPLOYMENTS, find_capacity, run_load_benchmark

    chosen = deployment or ("both" if find else "multi")
    if chosen not in (*DEPLOYMENTS, "both"):
        raise UserError(f"unknown deployment {chosen!r}: choose multi, embedded or both")
    kinds = list(DEPLOYMENTS) if chosen == "both" else [chosen]
    console = Console(width=max(out.width, 200))  # the server-timing table is wide
    for kind in kinds:
        if find:
            find_capacity(
                kind, seconds or 20.0, warm_up, 1.0 if think is None else think, console=console
            )
        else:
            run_load_benchmark(
                coaches, seconds or 60.0, 5.0 if think is None else think,
                console=console, deployment=kind, warm_up=warm_up,
            )  # fmt: skip


def main() -> None:
    try:
        app()
    except (
        UserError,
        EventLogError,
        ProjectError,
        PrivacyError,
        AccountRefused,
        StorageError,
        BackupRefused,
        SchemaError,
        MasterKeyMissing,
        PartnersError,
        ImportRefused,
    ) as error:
        err.print(f"error: {error}", highlight=False)
        sys.exit(2)
    except SQLAlchemyError as error:
        err.print(f"error: database: {str(error).splitlines()[0]}", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)

"""``duuni partners``: the partner projects' feeds and how their webhooks are doing.

Read-only: the partners file says who gets what; each service's database says how far
each webhook got (``shared.webhooks``). The status is what an operator looks at when a
partner says it is missing events: failures in a row, the next attempt and the last
error tell whether the relay is backing off from an endpoint that is down.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from duuni.services import SERVICES, settings_for
from shared.cli import DataDir
from shared.eventlog.sql import Database, SqlEventLog, open_database
from shared.partners import DEFAULT_CONTRACT, load_partners
from shared.webhooks import DeliveryState, Webhook, WebhookRefused, delivery_states, load_webhooks

partners_app = typer.Typer(
    help="Partner projects: their feeds and webhooks.", invoke_without_command=True
)

PartnersFile = Annotated[
    Path | None,
    typer.Option(
        "--file",
        envvar="DUUNI_KAFKA_PARTNERS_FILE",
        help="The partners file (TOML); DUUNI_KAFKA_PARTNERS_FILE by default.",
    ),
]
Contract = Annotated[
    Path | None,
    typer.Option(
        "--contract",
        envvar="DUUNI_KAFKA_CONTRACT_FILE",
        help="The published event contract; the repository's by default.",
    ),
]


class PartnersError(Exception):
    """A partners file that cannot be read or is refused: shown as one line."""


def _wide() -> Console:
    return Console(width=max(Console().width, 220), soft_wrap=True)


def _webhooks(path: Path | None, contract: Path | None) -> list[Webhook]:
    if path is None:
        raise PartnersError("no partners file: pass --file or set DUUNI_KAFKA_PARTNERS_FILE")
    if not path.is_file():
        raise PartnersError(f"no partners file at {path}")
    try:
        return load_webhooks(path, contract=contract or DEFAULT_CONTRACT)
    except (WebhookRefused, ValueError, KeyError) as error:
        raise PartnersError(f"{path}: {error}") from error


@partners_app.callback()
def partners(ctx: typer.Context, file: PartnersFile = None, contract: Contract = None) -> None:
    """List the partners: projects, services, webhook and the event types it wants."""
    if ctx.invoked_subcommand is not None:
        return
    hooks = {hook.name: hook for hook in _webhooks(file, contract)}
    assert file is not None
    table = Table(title="Partner projects")
    for column in ("partner", "projects", "services", "webhook", "event types", "secret"):
        table.add_column(column)
    for partner in load_partners(file):
        hook = hooks.get(partner.name)
        secret = "-"
        if hook is not None:
            secret = hook.secret_env + ("" if os.environ.get(hook.secret_env) else " (not set)")
        table.add_row(
            partner.name,
            ", ".join(sorted(partner.projects)),
            ", ".join(sorted(partner.services)) if partner.services else "all",
            hook.url if hook else "- (Kafka topics only)",
            ", ".join(sorted(hook.event_types)) if hook and hook.event_types else "contract",
            secret,
        )
    _wide().print(table)


def _open(service: str, data_dir: Path) -> Database | None:
    """The service's database, or None when its embedded log was never made."""
    settings = settings_for(service, data_dir)
    url = settings.resolved_database_url()
    if url.startswith("sqlite") and not (data_dir / f"{service}.sqlite3").exists():
        return None
    return open_database(url, schema=settings.resolved_schema())


def _when(moment: str | None) -> str:
    return "-" if moment is None else moment[:19].replace("T", " ")


@partners_app.command("status")
def status(
    file: PartnersFile = None, contract: Contract = None, data_dir: DataDir = Path("data")
) -> None:
    """Each webhook per service: last delivery, last success, failures, next attempt, error."""
    hooks = _webhooks(file, contract)
    table = Table(title="Partner webhooks (times UTC)")
    for column in (
        "partner",
        "service",
        "endpoint",
        "last delivery",
        "last success",
        "failures in a row",
        "next attempt",
        "last error",
        "behind (log events)",
    ):
        table.add_column(column, overflow="fold", no_wrap=column in ("endpoint", "next attempt"))
    for service in SERVICES:
        database = _open(service, data_dir)
        if database is None:
            continue
        try:
            head = SqlEventLog(database, service).head().position
            states = {state.partner: state for state in delivery_states(database)}
        finally:
            database.dispose()
        for hook in hooks:
            if not hook.partner.wants(service):
                continue
            state = states.get(hook.name)
            table.add_row(hook.name, service, hook.url, *_columns(state, head))
    _wide().print(table)


def _columns(state: DeliveryState | None, head: int) -> tuple[str, ...]:
    if state is None:
        return ("never", "-", "0", "-", "-", str(head))
    return (
        _when(state.last_attempt_at),
        _when(state.last_success_at),
        str(state.failures),
        _when(state.next_attempt_at),
        state.last_error or "-",
        str(head - state.position),
    )

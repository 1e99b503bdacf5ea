"""Composition root of the intake service: the one place its parts are wired together."""

from __future__ import annotations

from pathlib import Path

from argon2 import PasswordHasher

from services.intake.adapters.accounts import SqlAccountStore
from services.intake.adapters.directory import SqlDirectory
from services.intake.adapters.migrations import INTAKE_TREE
from services.intake.adapters.personal_data import SqlPersonalData
from services.intake.config import IntakeSettings
from services.intake.domain.contracts import intake_contracts
from services.intake.entrypoints import api
from services.intake.entrypoints.auth import Auth
from services.intake.entrypoints.state import IntakeState
from services.intake.service_layer.dependencies import IntakeDeps
from services.intake.service_layer.handlers import COMMAND_HANDLERS
from services.intake.service_layer.views import IntakeViews
from shared.eventlog.aggregates import AggregateStreams
from shared.messagebus import MessageBus, bind
from shared.runtime import open_runtime
from shared.settings import KafkaSettings
from shared.web.auth import SessionResolver
from shared.web.guards import PageGuards
from shared.web.pages import Pages
from shared.web.service import WebService

TIMELINE_SOURCES = ("coaching", "matching")
"""Services whose events about a client appear on the client page's timeline."""
HERE = Path(api.__file__).parent


def bootstrap(
    settings: IntakeSettings,
    sessions: SessionResolver | None = None,
    *,
    hasher: PasswordHasher | None = None,
) -> WebService:
    """Intake owns the accounts, so it resolves sessions itself (``sessions`` is unused).

    ``hasher``: the argon2id parameters of passwords (the costly defaults when ``None``);
    tests pass cheap ones, as the users they create are hashed with.
    """
    runtime = open_runtime(settings, KafkaSettings(), [INTAKE_TREE])
    accounts = SqlAccountStore(runtime.log.db).create()
    key = settings.identity_lookup_key
    people = SqlPersonalData(runtime.log.db, key.get_secret_value() if key else None).create()
    directory = SqlDirectory(runtime.log.db).create()
    own = runtime.subscribe("intake.directory", "intake", directory.intake_handler())
    for source in TIMELINE_SOURCES:
        runtime.subscribe(f"intake.timeline.{source}", source, directory.timeline_handler(source))
    streams = AggregateStreams(runtime.log, intake_contracts(), "intake")
    deps = IntakeDeps(streams=streams, people=people, members=accounts)
    # Read your writes: a page saved by a coach shows up in the list they return to.
    catch_up = getattr(own, "catch_up", None)

    def refresh() -> None:
        if catch_up is not None:
            catch_up()

    bus = MessageBus(bind(COMMAND_HANDLERS, deps), after_write=refresh)
    auth = Auth(accounts, hasher=hasher)
    pages = Pages(HERE / "templates", HERE / "locale")
    state = IntakeState(
        bus=bus,
        views=IntakeViews(streams, people),
        directory=directory,
        auth=auth,
        pages=pages,
        guards=PageGuards(auth, pages),
    )
    return WebService(
        runtime, api.router(runtime), sessions=auth.resolve, client_names=people.names_of,
        state=state,
    )  # fmt: skip

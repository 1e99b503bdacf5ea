"""Composition root of the intake service: the one place its parts are wired together."""

from __future__ import annotations

from pathlib import Path

from argon2 import PasswordHasher

from services.intake.adapters.access_log import SqlAccessLog
from services.intake.adapters.accounts import SqlAccountStore
from services.intake.adapters.directory import SqlDirectory
from services.intake.adapters.documents import SqlDocuments
from services.intake.adapters.links import SqlLinks, SqlProposals
from services.intake.adapters.messages import SqlMessages, schedule_projection
from services.intake.adapters.migrations import INTAKE_TREE
from services.intake.adapters.personal_data import SqlPersonalData
from services.intake.adapters.reasons import SqlReasons
from services.intake.adapters.retention import SqlRetention
from services.intake.adapters.sealing import MasterKey, key_folder
from services.intake.adapters.senders import messenger
from services.intake.config import IntakeSettings
from services.intake.domain.contracts import intake_contracts
from services.intake.entrypoints import api
from services.intake.entrypoints.auth import Auth
from services.intake.entrypoints.own_copy import reason_label
from services.intake.entrypoints.state import IntakeState
from services.intake.service_layer.access_log import logged_writes
from services.intake.service_layer.dependencies import IntakeDeps
from services.intake.service_layer.handlers import COMMAND_HANDLERS
from services.intake.service_layer.messages import project_names
from services.intake.service_layer.privacy import Privacy
from services.intake.service_layer.restriction import refuse_restricted_writes
from services.intake.service_layer.views import IntakeViews
from shared.eventlog.aggregates import AggregateStreams
from shared.links import RateLimiter
from shared.messagebus import MessageBus, bind
from shared.runtime import open_runtime
from shared.settings import KafkaSettings
from shared.web.auth import SessionResolver
from shared.web.guards import PageGuards
from shared.web.pages import Pages
from shared.web.service import StaffNames, WebService

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
    # The master key: DUUNI_MASTER_KEY, else the key file beside the embedded database.
    master = MasterKey(key_folder(settings.resolved_database_url(), settings.data_dir))
    people = SqlPersonalData(
        runtime.log.db, key.get_secret_value() if key else None, master
    ).create()
    access = SqlAccessLog(runtime.log.db).create()
    retention = SqlRetention(runtime.log.db).create()
    documents = SqlDocuments(runtime.log.db, people.data_key).create()
    directory = SqlDirectory(runtime.log.db, people.names_in, people.found_by).create()
    own = runtime.subscribe("intake.directory", "intake", directory.intake_handler())
    for source in TIMELINE_SOURCES:
        runtime.subscribe(f"intake.timeline.{source}", source, directory.timeline_handler(source))
    streams = AggregateStreams(runtime.log, intake_contracts(), "intake")
    reasons = SqlReasons(runtime.log.db, people.data_key).create()
    # Messages to clients: coaching's bookings queue them, a sender works the outbox.
    messages = SqlMessages(runtime.log.db).create()
    runtime.subscribe("intake.messages", "coaching", schedule_projection())
    deps = IntakeDeps(
        streams=streams,
        people=people,
        members=accounts,
        documents=documents,
        reasons=reasons,
        messages=messages,
        retention=retention,
    )
    # Read your writes: a page saved by a coach shows up in the list they return to.
    catch_up = getattr(own, "catch_up", None)

    def refresh() -> None:
        if catch_up is not None:
            catch_up()

    handlers = refuse_restricted_writes(bind(COMMAND_HANDLERS, deps), streams)
    bus = MessageBus(handlers, after_write=refresh, note=logged_writes(access))
    auth = Auth(accounts, hasher=hasher)
    runtime.workers.append(auth.kept)  # keeps the sessions in use fresh, off the requests
    pages = Pages(HERE / "templates", HERE / "locale")
    views = IntakeViews(streams, people)
    runtime.workers.append(messenger(messages, people, streams, accounts, project_names(views)))
    privacy = Privacy(
        people, access, retention, views, directory, documents,
        reasons=reasons, reason_label=reason_label,
    )  # fmt: skip
    state = IntakeState(
        bus=bus,
        views=views,
        directory=directory,
        auth=auth,
        pages=pages,
        guards=PageGuards(auth, pages),
        privacy=privacy,
        access=access,
        links=SqlLinks(runtime.log.db).create(),
        proposals=SqlProposals(runtime.log.db).create(),
        link_limiter=RateLimiter(),
        documents=documents,
        reasons=reasons,
        messages=messages,
    )
    return WebService(
        runtime, api.router(runtime), sessions=auth.kept, client_names=people.names_of,
        client_finder=people.matching, staff_names=staff_names(accounts), state=state,
    )  # fmt: skip


def staff_names(accounts: SqlAccountStore) -> StaffNames:
    """A project's members by display name, for the pages of services in the same process
    (the coaching calendar's colleagues): read when a page asks, so a renamed user shows
    by the new name."""

    def names(project_id: str) -> dict[str, str]:
        return dict(accounts.members_of(project_id))

    return names

"""The command bus: the one path every write takes, from a form or from the JSON API.

Edges (pages, API routes, command-line tools, scenario scripts) build a complete, frozen
command and call ``bus.handle(command, context)``. The bus finds the one handler
registered for the command's type, runs it, and once something was stored brings the
service's own projections up to it, so that the next read sees the write
(read-your-writes). Handlers take the command and the ``CommandContext`` and answer
``Accepted``, or raise a ``Refusal`` having stored nothing.

The rules of who may do what live in handlers and domains, checked once from the context,
never at an edge: both edges therefore enforce the same rules.

A service may also keep a note of every accepted command beside its events (intake keeps
who wrote about whose personal data). The note is written while the projections are
refreshed, on a thread of the bus's own, and the answer waits for both.
"""

from __future__ import annotations

import contextvars
import dataclasses
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

from shared.events.correlation import current_correlation_id
from shared.events.envelope import Context
from shared.ids import scoped_submission
from shared.web.principal import ADMIN, WRITERS, User
from shared.web.timing import span


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class CommandContext:
    """Who acts, where, and on behalf of which request: everything a handler may check."""

    actor: str
    """The acting user's id."""
    project_id: str
    roles: frozenset[str] = frozenset()
    """The actor's roles in ``project_id``, plus ``admin`` for an administrator."""
    projects: frozenset[str] = frozenset()
    """Every project the actor belongs to."""
    correlation_id: str | None = None
    submission_id: str | None = None
    """A form's submission id: the same form submitted twice is stored once."""

    @classmethod
    def of(
        cls,
        user: User,
        project_id: str,
        *,
        submission_id: str | None = None,
        correlation_id: str | None = None,
    ) -> CommandContext:
        """``correlation_id`` defaults to the current request's (set by the middleware)."""
        roles = user.roles_in(project_id) | ({ADMIN} if user.is_admin else frozenset())
        return cls(
            actor=user.id,
            project_id=project_id,
            roles=frozenset(roles),
            projects=user.projects(),
            correlation_id=correlation_id or current_correlation_id(),
            submission_id=submission_id,
        )

    @classmethod
    def operator(cls, actor: str, project_id: str) -> CommandContext:
        """Who acts from the command line or on a schedule (an erasure, the retention
        sweep): whoever holds the deployment's data and keys is its administrator, so
        the handler's rules are checked as an administrator's."""
        return cls(actor=actor, project_id=project_id, roles=frozenset({ADMIN}),
                   projects=frozenset({project_id}))  # fmt: skip

    @property
    def is_admin(self) -> bool:
        return ADMIN in self.roles

    @property
    def scoped_submission(self) -> str | None:
        """The submission id as keys and derived ids use it: scoped to this project and
        actor (``shared.ids.scoped_submission``), ``None`` without a submission."""
        if not self.submission_id:
            return None
        return scoped_submission(self.project_id, self.actor, self.submission_id)

    def may_write(self) -> bool:
        """Coaches and project managers record work; auditors only read."""
        return self.is_admin or bool(self.roles & set(WRITERS))

    def has_role(self, *roles: str) -> bool:
        return self.is_admin or bool(self.roles & set(roles))

    def event_context(self) -> Context:
        """What the events of this command carry: the project and the actor, no more."""
        return Context(project_id=self.project_id, actor=self.actor)


@dataclasses.dataclass(frozen=True, slots=True)
class Accepted:
    """A write was accepted: what it concerns, and whether it stored anything new."""

    id: str
    duplicate: bool = False
    """The same submission had been stored before: nothing new was stored."""
    recorded: int = 0
    """How many events were stored."""


class Handler(Protocol):
    def __call__(self, command: Any, context: CommandContext, /) -> Accepted: ...


Note = Callable[[Any, CommandContext, Accepted], None]
"""What a service keeps of an accepted command besides its events, stored before the
answer (intake's access log)."""


class UnknownCommand(LookupError):
    """No handler is registered for this type of command: a programming error."""


class Coalesced:
    """``refresh`` shared by the writers of the moment: one run at a time, and a writer
    returns after a run that began after its write was stored (read-your-writes holds).

    Without it, every writer ran its own catch-up of the same projections, one after
    another on the projection's checkpoint lock, each finding its predecessors' events
    already applied. Now writers arriving while a run is under way wait for it and share
    the next one: under load a service runs at most two catch-ups for any number of
    concurrent writes. A writer whose shared run failed runs its own, as before.
    """

    def __init__(self, refresh: Callable[[], None]) -> None:
        self._refresh = refresh
        self._changed = threading.Condition(threading.Lock())
        self._started = 0
        self._finished = 0
        self._failed = 0
        """The latest run that raised."""
        self._running = False

    def __call__(self) -> None:
        with self._changed:
            wanted = self._started + 1  # the first run to begin from now on
            while self._finished < wanted:
                if self._running:
                    self._changed.wait()
                    continue
                self._running = True
                self._started += 1
                run = self._started
                self._changed.release()
                try:
                    self._refresh()
                except BaseException:
                    self._failed = run
                    raise
                finally:
                    self._changed.acquire()
                    self._running = False
                    self._finished = run
                    self._changed.notify_all()
                return
            shared_run_failed = self._failed >= wanted
        if shared_run_failed:
            self._refresh()


class MessageBus:
    """Dispatches each command to its one handler; refreshes projections after a write.

    ``note``, when given, is kept of every accepted command. Both it and the refresh
    wait on the database and neither needs the other, so the note runs on a thread of
    the bus's own (in the request's context: its correlation id, its address) while the
    request's thread refreshes; the answer leaves once both are done, and fails if
    either failed. Under load each of them waits on a lock shared with other requests
    (the note on its log's head, the refresh on the projections' checkpoint), and a
    write spent both waits one after the other.
    """

    def __init__(
        self,
        handlers: Mapping[type, Handler],
        *,
        after_write: Callable[[], None] = lambda: None,
        note: Note | None = None,
        note_threads: int = 16,
    ) -> None:
        self._handlers = dict(handlers)
        self._after_write = Coalesced(after_write)
        self._note = note
        self._notes = (
            ThreadPoolExecutor(note_threads, thread_name_prefix="bus-note") if note else None
        )
        """As many threads as requests that note at once, so that the notes of the
        moment reach the note's log together and can share its commit."""

    def handle(self, command: object, context: CommandContext) -> Accepted:
        try:
            handler = self._handlers[type(command)]
        except KeyError:
            raise UnknownCommand(type(command).__name__) from None
        with span("handler"):
            accepted = handler(command, context)
        noting = self._start_note(command, context, accepted)
        try:
            if accepted.recorded:
                with span("refresh"):
                    self._after_write()
        finally:
            if noting is not None:
                with span("noted"):
                    noting.result()
        return accepted

    def _start_note(
        self, command: object, context: CommandContext, accepted: Accepted
    ) -> Future[None] | None:
        if self._note is None or self._notes is None:
            return None
        request = contextvars.copy_context()
        return self._notes.submit(request.run, self._note, command, context, accepted)

    def handles(self, command_type: type) -> bool:
        return command_type in self._handlers


def bind(
    table: Mapping[type, Callable[..., Accepted]], dependencies: object
) -> dict[type, Handler]:
    """A service's ``COMMAND_HANDLERS`` (``handler(deps, command, context)``) bound to the
    dependencies ``bootstrap`` built, as the bus calls them."""

    def bound(handler: Callable[..., Accepted]) -> Handler:
        def call(command: Any, context: CommandContext, /) -> Accepted:
            return handler(dependencies, command, context)

        call.__name__ = getattr(handler, "__name__", "handler")
        return call

    return {command_type: bound(handler) for command_type, handler in table.items()}

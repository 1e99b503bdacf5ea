"""How an edge hands a command to the bus and turns the outcome into an answer.

Both edges call the same ``bus.handle`` in a worker thread (the log and the stores are
blocking): the JSON API through ``run_json``, which answers ``Accepted`` or raises a
problem (422 with the rule's code and field, 404 for what the service names missing, 409
for a stale write); a page through ``run_form``, which answers ``Accepted`` or the
field → code map to show the form again with. Neither knows any rule: the handlers and
domains hold them, so a rule refuses alike whichever edge the command came through.
"""

from __future__ import annotations

from collections.abc import Callable, Container

from pydantic import BaseModel

from shared.eventlog.port import WrongExpectedVersion
from shared.messagebus import Accepted, CommandContext, MessageBus
from shared.refusal import Refusal
from shared.web.principal import User
from shared.web.problems import ProblemError
from shared.web.timing import in_thread

CONFLICT = "conflict"
FORM = "form"
"""The key of an error about the form as a whole rather than one field."""


class AcceptedOut(BaseModel):
    """The JSON answer to an accepted write."""

    id: str
    duplicate: bool
    """The same submission had been stored before: nothing new was stored."""
    recorded: int
    """How many events were stored."""

    @classmethod
    def of(cls, accepted: Accepted) -> AcceptedOut:
        return cls(id=accepted.id, duplicate=accepted.duplicate, recorded=accepted.recorded)


FORBIDDEN = "forbidden"
"""The code of a handler's refusal on the actor's role: 403, whichever edge asked."""


def refusal_problem(error: Refusal, not_found: Container[str] = ()) -> ProblemError:
    """A rule's refusal as a problem: 404 for codes the service names missing, 403 for a
    role that may not, else 422."""
    if error.code == FORBIDDEN:
        return ProblemError(403, FORBIDDEN, detail=error.detail or None)
    if error.code in not_found:
        return ProblemError(404, "not_found", detail=error.code)
    return ProblemError(422, error.code, field=error.field, detail=error.detail or None)


async def run_json(
    bus: MessageBus,
    command: object,
    context: CommandContext,
    *,
    not_found: Container[str] = (),
) -> Accepted:
    """Hand ``command`` to the bus; a refusal or a stale write raises the problem."""
    try:
        return await in_thread(bus.handle, command, context)
    except Refusal as error:
        raise refusal_problem(error, not_found) from error
    except WrongExpectedVersion as error:
        raise ProblemError(409, CONFLICT) from error


async def run_json_as(
    bus: MessageBus,
    command: object,
    user: User,
    project_id: str,
    *,
    submission_id: str | None = None,
    not_found: Container[str] = (),
) -> Accepted:
    """``run_json`` as ``user`` in ``project_id``: what every JSON write route does."""
    context = CommandContext.of(user, project_id, submission_id=submission_id or None)
    return await run_json(bus, command, context, not_found=not_found)


async def run_form(
    bus: MessageBus,
    command: object | Callable[[], object],
    context: CommandContext,
) -> Accepted | dict[str, str]:
    """Hand ``command`` (or what builds it) to the bus; a refusal answers field → code.

    A builder that raises ``Refusal`` (a value the page could not read) is refused the
    same way, at its field, before the bus sees anything.
    """

    def handle() -> Accepted:
        built = command() if callable(command) else command
        return bus.handle(built, context)

    try:
        return await in_thread(handle)
    except Refusal as error:
        return error.errors
    except WrongExpectedVersion:
        return {FORM: CONFLICT}

"""How a coaching page's form becomes a command on the bus (entrypoint layer).

A form is read with the shared ``FormReader``; what cannot be read is noted at its field
with the same codes the pages have always shown (``invalid_date``, ``client_required``…),
and the form is refused before any command is built. Otherwise the command goes through
the same bus as the JSON API's, so a rule refuses alike on either edge.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, time
from enum import Enum
from typing import TypeVar

from fastapi import Request
from fastapi.responses import Response

from services.coaching.domain.errors import DomainError
from services.coaching.entrypoints.page_rendering import FormProblem, Visit, back, form_problem
from services.coaching.entrypoints.state import CoachingState
from shared.messagebus import Accepted
from shared.web.commands import run_form
from shared.web.forms import FormReader, read_form
from shared.web.guards import context_of
from shared.web.principal import SignedIn

E = TypeVar("E", bound=Enum)


@dataclasses.dataclass(frozen=True, slots=True)
class Submission:
    """A writer's form, handed to the bus: accepted, or the form again with its problems."""

    signed_in: SignedIn
    outcome: Accepted | FormProblem


Build = Callable[[FormReader, SignedIn], object]
"""Reads the form (noting what it cannot read) and builds the command."""

Draw = Callable[[Visit, FormProblem | None], Response]
"""Draws a page, with a refused form's problems when there are; raises a ``DomainError``
when what the page shows is not there (or is another project's)."""


def drawn(visit: Visit, draw: Draw, problem: FormProblem | None = None) -> Response:
    """The page, or the not-found page when what it shows is not there."""
    try:
        return draw(visit, problem)
    except DomainError:
        return visit.state.pages.not_found(visit.request, visit.signed_in)


def viewed(state: CoachingState, request: Request, project_id: str, draw: Draw) -> Response:
    """A page any member may see; a page (sign-in, not found, forbidden) for others."""
    signed_in = state.guards.viewer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    return drawn(Visit(state, request, project_id, signed_in), draw)


def for_writers(state: CoachingState, request: Request, project_id: str, draw: Draw) -> Response:
    """A page only those who write may see (a form to fill in); a page (sign-in, not found,
    forbidden) for others."""
    signed_in = state.guards.writer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    return drawn(Visit(state, request, project_id, signed_in), draw)


async def posted(
    state: CoachingState,
    request: Request,
    project_id: str,
    build: Build,
    draw: Draw,
    then: tuple[str | Callable[[str], str], str],
) -> Response:
    """A form posted to its page: once accepted, a redirect to ``then``'s path (or the path
    of what the write created, by its id) with ``then``'s notice; refused, the page again."""
    sent = await submit(state, request, project_id, build)
    if not isinstance(sent, Submission):
        return sent
    if isinstance(sent.outcome, FormProblem):
        return drawn(Visit(state, request, project_id, sent.signed_in), draw, sent.outcome)
    to, done = then
    return back(to if isinstance(to, str) else to(sent.outcome.id), done)


async def submit(
    state: CoachingState, request: Request, project_id: str, build: Build
) -> Submission | Response:
    """The writer's form through the bus; a page (sign-in, not found, forbidden) for others."""
    signed_in = state.guards.writer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    form = await read_form(request)
    context = context_of(request, signed_in, project_id, form.text("submission_id"))

    def command() -> object:
        built = build(form, signed_in)
        form.check()
        return built

    outcome = await run_form(state.bus, command, context)
    if isinstance(outcome, Accepted):
        return Submission(signed_in, outcome)
    return Submission(signed_in, form_problem(state, request, outcome, form))


def required_date(form: FormReader, name: str) -> date:
    """The date; an empty or unreadable one notes ``invalid_date``."""
    found = form.day(name)
    if found is None:
        form.errors.setdefault(name, "invalid_date")
        return date.min
    return found


def clock(form: FormReader, name: str) -> time:
    """The time of day; an empty or unreadable one notes ``invalid_time``."""
    found = form.clock(name, required=False)
    if found is None:
        form.errors.setdefault(name, "invalid_time")
        return time()
    return found


def number(form: FormReader, name: str) -> int:
    """The whole number; an empty or unreadable one notes ``invalid_number``."""
    found = form.number(name)
    if found is None:
        form.errors.setdefault(name, "invalid_number")
        return 0
    return found


def chosen(form: FormReader, name: str, kind: type[E]) -> E:
    """The chosen option; none or an unknown one notes ``invalid_choice``."""
    found = form.choice(name, kind, required=False)
    if found is None:
        form.errors.setdefault(name, "invalid_choice")
        return next(iter(kind))
    return found


def client(form: FormReader) -> str:
    """The chosen client; none notes ``client_required``."""
    client_id = form.text("client_id")
    if not client_id:
        form.errors.setdefault("client_id", "client_required")
    return client_id

"""How coaching's pages are drawn: the labels of codes, how a client is named, the notice
after a redirect, and a refused form shown again with its messages (entrypoint layer).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import Response
from jinja2.runtime import Context

from services.coaching.entrypoints import labels
from services.coaching.entrypoints.naming import ClientLabels
from services.coaching.entrypoints.state import CoachingState
from shared.business_dates import HELSINKI
from shared.ids import uuid7_str
from shared.web.commands import CONFLICT
from shared.web.forms import FormReader
from shared.web.i18n import N_
from shared.web.pages import redirect
from shared.web.principal import COACH, SignedIn

CONFLICT_MESSAGE = N_("Someone else saved this at the same time. Check it and try again.")


@dataclasses.dataclass(frozen=True, slots=True)
class FormProblem:
    """A refused form: the message at each field, and the values as they were sent."""

    errors: dict[str, str]
    values: dict[str, Any]


def starts(day: date, at: time | str) -> datetime:
    """When a session starts, on the coaches' clock: for the shared ``datetime`` filter,
    which shows it in the reader's language (``at`` as a time or as ``HH:MM``)."""
    clock = at if isinstance(at, time) else time.fromisoformat(at)
    return datetime.combine(day, clock, tzinfo=HELSINKI)


def sees_own_agenda(signed_in: SignedIn, project_id: str) -> bool:
    """A coach of the project has sessions of her own; a manager, an auditor or an
    administrator follows the project's."""
    return COACH in signed_in.user.roles_in(project_id)


def client_labels(state: CoachingState, request: Request, project_id: str) -> ClientLabels:
    tr = state.pages.gettext(request)
    return ClientLabels(state.client_names, state.coaching.clients, project_id, tr)


def show(
    state: CoachingState,
    request: Request,
    template: str,
    context: Mapping[str, Any],
    signed_in: SignedIn,
    project_id: str,
    status_code: int = 200,
    names: ClientLabels | None = None,
) -> Response:
    """A page with what every coaching template may use: labels, the client's name, the
    notice of the write just done (``?done=``) and a fresh submission id for its forms."""
    tr = state.pages.gettext(request)
    done = request.query_params.get("done", "")
    named = names or client_labels(state, request, project_id)

    def label_of(options: labels.Choices, value: str | None) -> str:
        return tr(dict(options).get(value or "", value or ""))

    @jinja2.pass_context
    def client_label(page: Context, client_id: str) -> str:
        return named.label(client_id, page.environment.filters["date"])

    base: dict[str, Any] = {
        "labels": labels,
        "label_of": label_of,
        "choices": lambda options: [(v, tr(text)) for v, text in options],
        "client_label": client_label,
        "can_write": signed_in.user.can_write_in(project_id),
        "own_agenda": sees_own_agenda(signed_in, project_id),
        "me": signed_in.user.id,
        "today": state.coaching.today(),
        "starts": starts,
        "base": f"/p/{project_id}/coaching",
        "flash": tr(labels.DONE[done]) if done in labels.DONE else None,
        "submission_id": uuid7_str(),
    }
    return state.pages.render(
        request, template, base | dict(context), signed_in=signed_in, project_id=project_id,
        status_code=status_code,
    )  # fmt: skip


@dataclasses.dataclass(frozen=True, slots=True)
class Visit:
    """A signed-in member's request for one of a project's coaching pages."""

    state: CoachingState
    request: Request
    project_id: str
    signed_in: SignedIn
    names: ClientLabels = dataclasses.field(init=False)
    """How this page names its clients: prepared with every client it shows."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", client_labels(self.state, self.request, self.project_id))

    @property
    def can_write(self) -> bool:
        return self.signed_in.user.can_write_in(self.project_id)

    def clients(self, leave_out: Iterable[str] = ()) -> list[tuple[str, bool]]:
        """The active clients a form may name, as (id, whether the signed-in coach's own):
        her own first, each group by name."""
        me, skip = self.signed_in.user.id, set(leave_out)
        listed = self.state.coaching.clients.in_project(self.project_id, only_active=True)
        active = [s for s in listed if s.client_id not in skip]
        self.names.prepare(s.client_id for s in active)
        active.sort(key=lambda s: (s.coach_id != me, self.names.order(s.client_id)))
        return [(s.client_id, s.coach_id == me) for s in active]

    def show(
        self,
        template: str,
        context: Mapping[str, Any],
        problem: FormProblem | None = None,
        defaults: Mapping[str, Any] | None = None,
        shown: Iterable[str] = (),
    ) -> Response:
        """The page with its forms: a refused form shown again with its values and messages
        (422), else the forms' ``defaults``; ``shown`` are the clients it names."""
        self.names.prepare(shown)
        fields = {
            "values": problem.values if problem else dict(defaults or {}),
            "errors": problem.errors if problem else {},
        }
        return show(self.state, self.request, template, fields | dict(context), self.signed_in,
                    self.project_id, 422 if problem else 200, self.names)  # fmt: skip


def form_problem(
    state: CoachingState, request: Request, codes: Mapping[str, str], form: FormReader
) -> FormProblem:
    """The refusal's codes as messages in the reader's language, with the values sent."""
    tr = state.pages.gettext(request)
    messages = labels.ERRORS | {CONFLICT: CONFLICT_MESSAGE}
    errors = {field: tr(messages.get(code, labels.UNKNOWN_ERROR)) for field, code in codes.items()}
    values: dict[str, Any] = dict(form.values)
    values["topics"] = form.lists.get("topics", [])
    return FormProblem(errors, values)


def back(path: str, done: str) -> Response:
    """After a write: to ``path``, where the notice ``done`` says what was saved."""
    return redirect(f"{path}?{urlencode({'done': done})}")

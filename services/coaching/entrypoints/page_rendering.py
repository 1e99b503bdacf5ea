"""How coaching's pages are drawn: the labels of codes, how a client is named, the notice
after a redirect, and a refused form shown again with its messages (entrypoint layer).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response

from services.coaching.entrypoints import labels
from services.coaching.entrypoints.state import CoachingState
from shared.ids import uuid7_str
from shared.web.commands import CONFLICT
from shared.web.forms import FormReader
from shared.web.i18n import N_
from shared.web.pages import redirect
from shared.web.principal import SignedIn

CLIENT_CODE = N_("Client %(code)s")
CONFLICT_MESSAGE = N_("Someone else saved this at the same time. Check it and try again.")


@dataclasses.dataclass(frozen=True, slots=True)
class FormProblem:
    """A refused form: the message at each field, and the values as they were sent."""

    errors: dict[str, str]
    values: dict[str, Any]


def client_code(client_id: str) -> str:
    """A short handle for a pseudonymous client id: its last six characters."""
    return client_id.replace("-", "")[-6:].upper()


def show(
    state: CoachingState,
    request: Request,
    template: str,
    context: Mapping[str, Any],
    signed_in: SignedIn,
    project_id: str,
    status_code: int = 200,
) -> Response:
    """A page with what every coaching template may use: labels, the client's name, the
    notice of the write just done (``?done=``) and a fresh submission id for its forms."""
    tr = state.pages.gettext(request)
    done = request.query_params.get("done", "")

    def label_of(options: labels.Choices, value: str | None) -> str:
        return tr(dict(options).get(value or "", value or ""))

    base: dict[str, Any] = {
        "labels": labels,
        "label_of": label_of,
        "choices": lambda options: [(v, tr(text)) for v, text in options],
        "client_label": _labeller(state, tr, project_id),
        "can_write": signed_in.user.can_write_in(project_id),
        "me": signed_in.user.id,
        "today": state.coaching.today(),
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

    @property
    def can_write(self) -> bool:
        return self.signed_in.user.can_write_in(self.project_id)

    def clients(self) -> list[tuple[str, str, str]]:
        """The active clients a form may name, the signed-in coach's own first."""
        return client_options(self.state, self.project_id, self.signed_in.user.id)

    def show(
        self,
        template: str,
        context: Mapping[str, Any],
        problem: FormProblem | None = None,
        defaults: Mapping[str, Any] | None = None,
    ) -> Response:
        """The page with its forms: a refused form shown again with its values and messages
        (422), else the forms' ``defaults``."""
        fields = {
            "values": problem.values if problem else dict(defaults or {}),
            "errors": problem.errors if problem else {},
        }
        return show(self.state, self.request, template, fields | dict(context), self.signed_in,
                    self.project_id, 422 if problem else 200)  # fmt: skip


def _labeller(
    state: CoachingState, tr: Callable[[str], str], project_id: str
) -> Callable[[str], str]:
    """How a page names a client: intake's name when it is wired in, else a short code.

    Names are asked once per client per page, and never kept.
    """
    names = state.client_names
    known: dict[str, str] = {}

    def label(client_id: str) -> str:
        if names is not None and client_id not in known:
            known[client_id] = names(project_id, [client_id]).get(client_id, "")
        code = client_code(client_id)
        name = known.get(client_id)
        return f"{name} ({code})" if name else tr(CLIENT_CODE) % {"code": code}

    return label


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


def client_options(state: CoachingState, project_id: str, me: str) -> list[tuple[str, str, str]]:
    """Active clients of the project, the signed-in coach's own first: (id, code, mine)."""
    active = [s for s in state.coaching.clients.in_project(project_id) if s.active]
    active.sort(key=lambda s: (s.coach_id != me, s.client_id))
    return [(s.client_id, client_code(s.client_id), "mine" if s.coach_id == me else "")
            for s in active]  # fmt: skip

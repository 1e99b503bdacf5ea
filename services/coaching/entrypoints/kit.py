"""What every coaching page shares: who may see or write, rendering with the labels,
running a handler from a form, and the notice after a redirect (entrypoint layer).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from services.coaching.domain.errors import DomainError
from services.coaching.entrypoints import labels
from services.coaching.entrypoints.forms import Refused, client_code
from services.coaching.entrypoints.wiring import Wiring
from shared.eventlog.port import WrongExpectedVersion
from shared.ids import uuid7_str
from shared.web.i18n import N_
from shared.web.pages import Pages, redirect
from shared.web.principal import SignedIn

HERE = Path(__file__).parent
CLIENT_CODE = N_("Client %(code)s")
CONFLICT = N_("Someone else saved this at the same time. Check it and try again.")


@dataclasses.dataclass(frozen=True, slots=True)
class PageKit:
    wiring: Wiring
    pages: Pages = dataclasses.field(
        default_factory=lambda: Pages(HERE / "templates", HERE / "locale")
    )

    def viewer(self, request: Request, project_id: str) -> SignedIn | Response:
        signed_in = self.wiring.auth.maybe_signed_in(request)
        if signed_in is None:
            return self.pages.login_redirect(request)
        if not signed_in.user.can_see_project(project_id):
            return self.pages.not_found(request, signed_in)
        return signed_in

    def writer(self, request: Request, project_id: str) -> SignedIn | Response:
        found = self.viewer(request, project_id)
        if isinstance(found, SignedIn) and not found.user.can_write_in(project_id):
            return self.pages.forbidden(request, found)
        return found

    def show(
        self,
        request: Request,
        template: str,
        context: Mapping[str, Any],
        signed_in: SignedIn,
        project_id: str,
        status_code: int = 200,
    ) -> Response:
        tr = self.pages.gettext(request)
        done = request.query_params.get("done", "")

        def label_of(options: labels.Choices, value: str | None) -> str:
            return tr(dict(options).get(value or "", value or ""))

        base: dict[str, Any] = {
            "labels": labels,
            "label_of": label_of,
            "choices": lambda options: [(v, tr(text)) for v, text in options],
            "client_label": self._labeller(tr, project_id),
            "can_write": signed_in.user.can_write_in(project_id),
            "me": signed_in.user.id,
            "today": self.wiring.coaching.today(),
            "base": f"/p/{project_id}/coaching",
            "flash": tr(labels.DONE[done]) if done in labels.DONE else None,
            "submission_id": uuid7_str(),
        }
        return self.pages.render(
            request,
            template,
            base | dict(context),
            signed_in=signed_in,
            project_id=project_id,
            status_code=status_code,
        )

    def _labeller(self, tr: Callable[[str], str], project_id: str) -> Callable[[str], str]:
        """How a page names a client: intake's name when it is wired in, else a short code.

        Names are asked once per client per page, and never kept.
        """
        names = self.wiring.client_names
        known: dict[str, str] = {}

        def label(client_id: str) -> str:
            if names is not None and client_id not in known:
                known[client_id] = names(project_id, [client_id]).get(client_id, "")
            code = client_code(client_id)
            name = known.get(client_id)
            return f"{name} ({code})" if name else tr(CLIENT_CODE) % {"code": code}

        return label

    def refused(self, request: Request, error: DomainError, form: FormData | None) -> Refused:
        tr = self.pages.gettext(request)
        message = tr(labels.ERRORS.get(error.code, labels.UNKNOWN_ERROR))
        values: dict[str, Any] = {k: v for k, v in form.items()} if form else {}
        if form is not None:
            values["topics"] = form.getlist("topics")
        return Refused({error.field or "form": message}, values)

    async def attempt(
        self, request: Request, action: Callable[[], object], form: FormData
    ) -> Refused | None:
        try:
            await run_in_threadpool(action)
        except DomainError as error:
            return self.refused(request, error, form)
        except WrongExpectedVersion:
            return Refused({"form": self.pages.gettext(request)(CONFLICT)}, dict(form.items()))
        self.wiring.refresh()
        return None

    @staticmethod
    def back(path: str, done: str) -> Response:
        return redirect(f"{path}?{urlencode({'done': done})}")

    def client_options(self, project_id: str, me: str) -> list[tuple[str, str, str]]:
        """Active clients of the project, the signed-in coach's own first: (id, code, mine)."""
        active = [s for s in self.wiring.coaching.clients.in_project(project_id) if s.active]
        active.sort(key=lambda s: (s.coach_id != me, s.client_id))
        return [(s.client_id, client_code(s.client_id), "mine" if s.coach_id == me else "")
                for s in active]  # fmt: skip

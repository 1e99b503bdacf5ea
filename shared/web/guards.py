"""Who may open a page: the signed-in/viewer/writer checks every service's pages share.

A page is not an API: without a session it redirects to the sign-in page; another
project's page answers the "not found" page, as if it did not exist; an auditor opening a
form gets the "forbidden" page. Each check answers the ``SignedIn`` or the response to
send instead.
"""

from __future__ import annotations

import dataclasses

from fastapi import Request
from fastapi.responses import Response

from shared.messagebus import CommandContext
from shared.web.auth import WebAuth
from shared.web.pages import Pages
from shared.web.principal import SignedIn


@dataclasses.dataclass(frozen=True, slots=True)
class PageGuards:
    auth: WebAuth
    pages: Pages

    def viewer(self, request: Request, project_id: str) -> SignedIn | Response:
        signed_in = self.auth.maybe_signed_in(request)
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


def context_of(
    request: Request, signed_in: SignedIn, project_id: str, submission_id: str | None = None
) -> CommandContext:
    """The command context of a page's form: the actor, the project, the form's
    submission id (the request's correlation id comes along by default)."""
    return CommandContext.of(signed_in.user, project_id, submission_id=submission_id or None)

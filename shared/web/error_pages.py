"""The site's own error pages, for refusals that come before any service's page code runs.

An expired form (its CSRF token no longer matches), a body over the limit, an address
that does not exist, a malformed query: a browser gets a page in the reader's language
that says what happened and that nothing was saved, never the JSON problem an API
client gets for the same refusal.
"""

from __future__ import annotations

import functools

from fastapi import Request
from fastapi.responses import HTMLResponse

from shared.web.i18n import N_
from shared.web.pages import SHARED_LOCALE, SHARED_TEMPLATES, Pages
from shared.web.principal import SignedIn

_NOT_PAGES = ("/api/", "/docs", "/redoc", "/openapi.json", "/metrics", "/health")

_MESSAGES: dict[str, tuple[str, str]] = {
    "csrf_failed": (
        N_("The form has expired"),
        N_(
            "The form was open too long, or it was sent from another page. Nothing was "
            "saved: open the page again and send the form anew."
        ),
    ),
    "body_too_large": (
        N_("Too much at once"),
        N_("What was sent is larger than the site accepts. Nothing was saved."),
    ),
    "not_found": (
        N_("Not found"),
        N_("There is no such page, or you do not have access to it."),
    ),
    "forbidden": (N_("Not allowed"), N_("Your role does not allow this action.")),
}
_OTHERWISE = (
    N_("The request could not be handled"),
    N_("Check the address, or go back and try again. Nothing was saved."),
)


def is_page_request(request: Request) -> bool:
    """A request a browser makes for a page or sends from one, not an API call.

    Browsers never send a JSON body and always accept HTML; a request that sends JSON,
    or asks for JSON without HTML, is a program's call wherever its path is.
    """
    if request.url.path.startswith(_NOT_PAGES):
        return False
    if "json" in request.headers.get("content-type", ""):
        return False
    accept = request.headers.get("accept", "")
    return "json" not in accept or "text/html" in accept


@functools.cache
def _pages() -> Pages:
    return Pages(SHARED_TEMPLATES, SHARED_LOCALE)


def error_page(
    request: Request, status: int, code: str, signed_in: SignedIn | None = None
) -> HTMLResponse:
    """The page for ``code`` (``csrf_failed``, ``body_too_large``, ``not_found``…)."""
    pages = _pages()
    translate = pages.gettext(request)
    title, text = _MESSAGES.get(code, _OTHERWISE)
    context = {"title": translate(title), "text": translate(text)}
    return pages.render(request, "error.html", context, signed_in=signed_in, status_code=status)

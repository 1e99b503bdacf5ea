"""Server-rendered pages of the coaches' site, in Finnish, Swedish and English.

Every service draws its own pages with the same layout, navigation, language switch and
form macros, so that the site feels like one to a coach whichever service answers. Pages
work without JavaScript: forms post, the server answers with a redirect on success (so a
reload never submits twice) or with the same form and its errors (status 422).

A service builds one ``Pages`` with its own template and catalogue folders::

    HERE = Path(__file__).parent
    pages = Pages(HERE / "templates", HERE / "locale")

    @api.get("/p/{project_id}/coaching", response_class=HTMLResponse, include_in_schema=False)
    def agenda(request: Request, project_id: str) -> Response:
        signed_in = auth.maybe_signed_in(request)
        if signed_in is None:
            return pages.login_redirect(request)
        if not signed_in.user.can_see_project(project_id):
            return pages.not_found(request, signed_in)
        return pages.render(request, "coaching/agenda.html", {"sessions": ...},
                            signed_in=signed_in, project_id=project_id)

Templates extend ``base.html`` (blocks ``title`` and ``content``) and import the form
macros: ``{% from "forms.html" import error_summary, text, select, radios, checkbox,
textarea, csrf, submit %}``. Text is English in ``{{ _("...") }}`` and translated in
``locale/fi.po`` and ``locale/sv.po``; messages built in Python are marked ``N_("...")``
and translated with ``pages.gettext(request)``. Every POST form carries ``{{ csrf() }}``.

The navigation links each service's landing page: ``/p/{project}/clients`` (intake),
``/p/{project}/coaching``, ``/p/{project}/matching`` and ``/p/{project}/reports``.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

import jinja2
from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format
from babel.numbers import format_decimal, format_percent
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shared.web.i18n import (
    DEFAULT_LANGUAGE,
    LANG_COOKIE,
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    pick_language,
    translations,
)
from shared.web.principal import SignedIn

HERE = Path(__file__).parent
SHARED_TEMPLATES = HERE / "templates"
SHARED_LOCALE = HERE / "locale"
_BABEL_LOCALES = {
    language: Locale.parse(tag)
    for language, tag in {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}.items()
}
"""Parsed once: a page with a few hundred dates and times would otherwise parse the locale
for each of them."""
DATE_STYLES = {"fi": "short", "sv": "short", "en": "medium"}
"""One date style per language on every page: 2.12.2026 in Finnish and in Finland's
Swedish, 2 Dec 2026 in English (a numeric English date would read differently in
Britain and America)."""
SITE_TIMEZONE = ZoneInfo("Europe/Helsinki")
"""Times are stored in UTC and shown in the regions' own time."""

_CSRF_TOKEN: contextvars.ContextVar[str] = contextvars.ContextVar("csrf_token", default="")
"""The token of the page being rendered, for the ``csrf()`` macro of imported form macros
(which, imported without context, cannot see the page's variables)."""

NAVIGATION: tuple[tuple[str, str], ...] = (
    ("clients", N_("Clients")),
    ("coaching", N_("Coaching")),
    ("matching", N_("Companies and jobs")),
    ("reports", N_("Reports")),
)
"""The site's sections: path segment under ``/p/{project}/`` and its label."""

GENERIC_CHOICE_ERRORS: tuple[str, ...] = (
    N_("Fill in this field."),
    N_("Choose one of the options."),
)
"""Messages that name no field: a radio group shows its own question instead."""


def language_of(request: Request) -> str:
    cached: str | None = getattr(request.state, "duuni_language", None)
    if cached is None:
        cached = pick_language(
            request.cookies.get(LANG_COOKIE), request.headers.get("accept-language")
        )
        request.state.duuni_language = cached
    return cached


def safe_next(target: str | None, default: str = "/") -> str:
    """Only paths on this site: never redirect a coach to another host after signing in."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


class Pages:
    """Renders a service's templates in the request's language, with the shared layout."""

    def __init__(self, templates: Path, locale: Path) -> None:
        self._template_dirs = [templates, SHARED_TEMPLATES]
        self._locale_dirs = [SHARED_LOCALE, locale]
        self._translations = {lang: translations(lang, self._locale_dirs) for lang in LANGUAGES}
        self._environments = {lang: self._environment(lang) for lang in LANGUAGES}

    def _environment(self, language: str) -> jinja2.Environment:
        environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in self._template_dirs]),
            autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
            # Templates ship with the code and change with it, on a restart: without this
            # every page asked the file system for the age of each template it used.
            auto_reload=False,
        )
        catalogue = self._translations[language]
        environment.install_gettext_translations(catalogue, newstyle=True)  # type: ignore[attr-defined]
        locale = _BABEL_LOCALES[language]
        environment.filters["date"] = functools.partial(format_day, language=language)
        environment.filters["datetime"] = functools.partial(format_moment, language=language)
        environment.filters["time"] = functools.partial(format_clock, language=language)
        environment.filters["number"] = lambda v: format_decimal(v, locale=locale)
        environment.filters["percent"] = lambda v: format_percent(v, locale=locale)
        environment.globals["tr"] = catalogue.gettext
        environment.globals["generic_choice_errors"] = frozenset(
            catalogue.gettext(message) for message in GENERIC_CHOICE_ERRORS
        )
        environment.globals["current_csrf_token"] = _CSRF_TOKEN.get
        return environment

    def gettext(self, request: Request) -> Callable[[str], str]:
        """Translate a message marked ``N_`` into the request's language."""
        return self._translations[language_of(request)].gettext

    def ngettext(self, request: Request) -> Callable[[str, str, int], str]:
        """The singular or plural form the request's language uses for a count."""
        return self._translations[language_of(request)].ngettext

    def render(
        self,
        request: Request,
        template: str,
        context: Mapping[str, Any] | None = None,
        *,
        signed_in: SignedIn | None = None,
        project_id: str | None = None,
        status_code: int = 200,
    ) -> HTMLResponse:
        language = language_of(request)
        environment = self._environments[language]
        values: dict[str, Any] = {
            "lang": language,
            "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
            "here": _here(request),
            "user": signed_in.user if signed_in else None,
            "csrf_token": signed_in.csrf_token if signed_in else "",
            "project_id": project_id,
            "projects": sorted(signed_in.user.projects()) if signed_in else [],
            "navigation": NAVIGATION,
            "section": _section_of(request.url.path),
            "errors": {},
            "flash": None,
            "values": {},
        }
        values.update(context or {})
        reset = _CSRF_TOKEN.set(values["csrf_token"])
        try:
            html = environment.get_template(template).render(values)
        finally:
            _CSRF_TOKEN.reset(reset)
        response = HTMLResponse(html, status_code=status_code)
        response.headers["Content-Language"] = language
        response.headers["Cache-Control"] = "no-store"
        return response

    def login_redirect(self, request: Request) -> RedirectResponse:
        return RedirectResponse(f"/login?next={quote(_here(request))}", status_code=303)

    def not_found(self, request: Request, signed_in: SignedIn | None) -> HTMLResponse:
        """The same answer for another project's record as for one that does not exist."""
        return self.render(request, "not_found.html", signed_in=signed_in, status_code=404)

    def forbidden(self, request: Request, signed_in: SignedIn | None) -> HTMLResponse:
        return self.render(request, "forbidden.html", signed_in=signed_in, status_code=403)


def redirect(path: str) -> RedirectResponse:
    """After a successful POST: 303 See Other, so that reloading does not post again."""
    return RedirectResponse(path, status_code=303)


def _here(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def _section_of(path: str) -> str | None:
    parts = path.strip("/").split("/")
    return parts[2] if len(parts) >= 3 and parts[0] == "p" else None


def format_day(value: date | str | None, *, language: str) -> str:
    """A calendar date in the language's one date style (``DATE_STYLES``)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return _day(value, language)


@functools.lru_cache(maxsize=4096)
def _day(value: date, language: str) -> str:
    """Remembered: a calendar or a list shows the same few days many times."""
    return format_date(value, format=DATE_STYLES[language], locale=_BABEL_LOCALES[language])


def format_clock(value: time | datetime | str | None, *, language: str) -> str:
    """A time of day (9.05 in Finnish and Swedish, 09:05 in English); an aware moment is
    shown in the regions' own time."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = time.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(SITE_TIMEZONE)
    return _clock(value.hour, value.minute, language)


@functools.lru_cache(maxsize=4096)
def _clock(hour: int, minute: int, language: str) -> str:
    """Remembered: a week's calendar shows the same few times of day many times."""
    return format_time(time(hour, minute), format="short", locale=_BABEL_LOCALES[language])


def format_moment(value: datetime | str | None, *, language: str) -> str:
    """A moment: its date in the language's date style and its time, in Helsinki time
    (``2.12.2026 19.07``, ``2 Dec 2026, 19:07``), so that dates read alike everywhere."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:  # stored moments are UTC
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(SITE_TIMEZONE)
    pattern = str(get_datetime_format("short", locale=_BABEL_LOCALES[language]))
    return (
        pattern.replace("'", "")
        .replace("{1}", format_day(value.date(), language=language))
        .replace("{0}", format_clock(value.time(), language=language))
    )


def language_router() -> APIRouter:
    """``GET /lang/{code}?next=…``: a plain link switches the language, no JavaScript needed."""
    router = APIRouter(include_in_schema=False)

    @router.get("/lang/{code}")
    def switch(code: str, next: str | None = None) -> Response:
        response = RedirectResponse(safe_next(next), status_code=303)
        chosen = code if code in LANGUAGES else DEFAULT_LANGUAGE
        response.set_cookie(
            LANG_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="lax", httponly=True
        )
        return response

    return router

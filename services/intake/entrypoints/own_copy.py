"""A person's own copy as a readable HTML file in their language (entrypoint layer).

The file stands alone (no site layout, no links back, its style inline), so that it can
be handed or mailed to the person; the command line writes the same file.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2

from services.intake.entrypoints.consent_texts import PURPOSE_LABELS
from services.intake.entrypoints.document_view import KIND_LABELS
from services.intake.entrypoints.labels import REASON_CODES
from shared.web.i18n import LANGUAGES, translations
from shared.web.pages import SHARED_LOCALE, format_day, format_moment

HERE = Path(__file__).parent
TEMPLATE = "intake/own_copy.html"


@functools.cache
def _environment(language: str) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    catalogue = translations(language, [SHARED_LOCALE, HERE / "locale"])
    environment.install_gettext_translations(catalogue, newstyle=True)  # type: ignore[attr-defined]
    environment.globals["tr"] = catalogue.gettext
    environment.filters["date"] = functools.partial(format_day, language=language)
    environment.filters["datetime"] = functools.partial(format_moment, language=language)
    return environment


def reason_label(code: str, language: str) -> str:
    """A reason code's label in ``language`` (English if unknown), for the copy's JSON
    and HTML alike; an unknown code stands as itself."""
    chosen = language if language in LANGUAGES else "en"
    label = dict(REASON_CODES).get(code)
    if label is None:
        return code
    return translations(chosen, [SHARED_LOCALE, HERE / "locale"]).gettext(label)


def render_own_copy(copy: dict[str, Any], language: str) -> str:
    """The copy (``Privacy.own_copy``) as HTML in ``language`` (English if unknown)."""
    chosen = language if language in LANGUAGES else "en"
    template = _environment(chosen).get_template(TEMPLATE)
    return template.render(
        copy=copy, lang=chosen, purpose_labels=PURPOSE_LABELS, kind_labels=KIND_LABELS
    )

"""Languages of the coaches' site: Finnish by default, Swedish and English on request.

Messages are written in English in the code and templates (the gettext msgids) and
translated in ``locale/fi.po`` and ``locale/sv.po`` catalogues beside each service's
templates. The catalogues are read with Babel when the service starts, so nothing needs
compiling; a test extracts every message from the code and templates and fails when one
lacks a Finnish or Swedish translation.
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES: Final = ("fi", "sv", "en")
DEFAULT_LANGUAGE: Final = "fi"
LANGUAGE_NAMES: Final = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}
"""Each language named in itself, as a language switch should."""
LANG_COOKIE: Final = "duuni_lang"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a message for extraction; it is translated where it is shown."""
    return message


def load_catalogue(path: Path) -> gettext.NullTranslations:
    """A gettext translations object from one ``.po`` file (compiled in memory)."""
    with path.open("rb") as po:
        catalog = read_po(po)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


@functools.cache
def _cached(path: Path, mtime_ns: int) -> gettext.NullTranslations:
    return load_catalogue(path)


def translations(language: str, locale_dirs: Iterable[Path]) -> gettext.NullTranslations:
    """Every catalogue of ``language`` merged: later directories win on a shared msgid."""
    merged = Translations()
    if language == "en":
        return merged
    for directory in locale_dirs:
        path = directory / f"{language}.po"
        if path.exists():
            found = _cached(path, path.stat().st_mtime_ns)
            if isinstance(found, Translations):
                merged.merge(found)
    return merged


def pick_language(cookie: str | None, accept_language: str | None) -> str:
    """The user's choice first, then the browser's preference, then Finnish."""
    if cookie in LANGUAGES:
        return cookie
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE

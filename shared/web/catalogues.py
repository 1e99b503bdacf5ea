"""Finding every translatable message and the catalogues that lack one.

Used by the test that keeps every message translated and by ``duuni i18n update``, which
adds new messages to the ``.po`` catalogues for a translator to fill in. Messages are
extracted with Babel from Python (``_``, ``N_``, ``gettext``…) and Jinja2 templates.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from shared.web.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
METHODS = [("**/templates/**.html", "jinja2.ext:babel_extract"), ("**.py", "python")]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "false"}}
TRANSLATED = tuple(code for code in LANGUAGES if code != "en")


@dataclasses.dataclass(frozen=True)
class WebPackage:
    """Code and templates whose messages one catalogue folder translates."""

    name: str
    source: Path
    locale: Path


def web_packages(root: Path = ROOT) -> list[WebPackage]:
    found = [WebPackage("shared", root / "shared" / "web", root / "shared" / "web" / "locale")]
    for entrypoints in sorted((root / "services").glob("*/entrypoints")):
        if (entrypoints / "locale").is_dir() or (entrypoints / "templates").is_dir():
            found.append(WebPackage(entrypoints.parent.name, entrypoints, entrypoints / "locale"))
    return found


def _extracted(package: WebPackage) -> Iterator[tuple[str, str | None, str]]:
    """(msgid, plural msgid or ``None``, ``file:line``) of every message in the package."""
    extracted = extract_from_dir(
        str(package.source),
        method_map=METHODS,
        options_map=OPTIONS,
        keywords={**DEFAULT_KEYWORDS, "N_": None},
    )
    for filename, line, message, _comments, _context in extracted:
        singular, plural = (
            (message[0], message[1]) if isinstance(message, tuple) else (message, None)
        )
        if singular:
            yield singular, plural or None, f"{filename}:{line}"


def messages(package: WebPackage) -> dict[str, list[str]]:
    """msgid → where it appears (``file:line``); a plural message by its singular msgid,
    as the catalogues key it."""
    found: dict[str, list[str]] = {}
    for msgid, _plural, where in _extracted(package):
        found.setdefault(msgid, []).append(where)
    return found


def plurals(package: WebPackage) -> dict[str, str]:
    """Singular msgid → plural msgid of the messages that have plural forms (ngettext)."""
    return {msgid: plural for msgid, plural, _where in _extracted(package) if plural}


def catalogue(package: WebPackage, language: str) -> Catalog:
    path = package.locale / f"{language}.po"
    if not path.exists():
        return Catalog(locale=language)
    with path.open("rb") as po:
        return read_po(po)


SAME_AS_ENGLISH = "same as English"
"""A translator's comment (``# same as English``) above a message whose Finnish or Swedish
is rightly the English text ("CV", "Status"); without it an identical text is a message
someone forgot to translate."""


def untranslated(package: WebPackage, shared: WebPackage | None = None) -> Iterator[str]:
    """``language: msgid (where)`` for every message without a translation, or whose
    translation is the English text without being marked so."""
    wanted = messages(package)
    for language in TRANSLATED:
        own = catalogue(package, language)
        fallback = catalogue(shared, language) if shared and shared != package else Catalog()
        for msgid, where in sorted(wanted.items()):
            if not _translated(own, msgid) and not _translated(fallback, msgid):
                yield f"{package.name}/{language}: {msgid!r} ({where[0]})"
            elif _copied(own, msgid) or (own.get(msgid) is None and _copied(fallback, msgid)):
                yield (
                    f"{package.name}/{language}: {msgid!r} is left in English ({where[0]}): "
                    f"translate it, or mark it '# {SAME_AS_ENGLISH}'"
                )


def _copied(catalog: Catalog, msgid: str) -> bool:
    """Translated with the English text itself, and not marked as meant."""
    message = catalog.get(msgid)
    if message is None or not message.string:
        return False
    if any(SAME_AS_ENGLISH in comment for comment in message.user_comments):
        return False
    source = message.id if isinstance(message.id, tuple | list) else (message.id,)
    forms = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return forms[0] == source[0]


def _translated(catalog: Catalog, msgid: str) -> bool:
    """Translated, and not fuzzy; a plural message in every one of the language's forms."""
    message = catalog.get(msgid)
    if message is None or message.fuzzy:
        return False
    forms = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return bool(forms) and all(forms)


def update(package: WebPackage, shared: WebPackage | None = None) -> dict[str, int]:
    """Add missing messages (untranslated) to each catalogue; returns how many per language.

    A message the shared catalogue already translates (the header, the navigation) is
    not copied into a service's catalogue, and an empty copy left there is dropped.
    """
    wanted = messages(package)
    plural_of = plurals(package)
    added: dict[str, int] = {}
    package.locale.mkdir(parents=True, exist_ok=True)
    for language in TRANSLATED:
        catalog = catalogue(package, language)
        catalog.locale = catalog.locale or language
        fallback = catalogue(shared, language) if shared and shared != package else Catalog()
        for message in list(catalog):
            if (
                isinstance(message.id, str)
                and message.id
                and not message.string
                and _translated(fallback, message.id)
            ):
                catalog.delete(message.id)
        count = 0
        for msgid, where in sorted(wanted.items()):
            if catalog.get(msgid) is None and not _translated(fallback, msgid):
                key: str | tuple[str, str] = (
                    (msgid, plural_of[msgid]) if msgid in plural_of else msgid
                )
                empty: str | tuple[str, ...] = (
                    ("",) * catalog.num_plurals if msgid in plural_of else ""
                )
                catalog.add(key, empty, locations=[(w.rsplit(":", 1)[0], 0) for w in where[:1]])
                count += 1
        with (package.locale / f"{language}.po").open("wb") as po:
            write_po(po, catalog, width=100, sort_output=True, omit_header=False, no_location=True)
        added[language] = count
    return added

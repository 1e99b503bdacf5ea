"""Normal forms of the free-standing tags a coach types: skills, languages, municipalities.

Tags are compared in their normal form (trimmed, single-spaced, case-folded), so that
"Forklift licence" and "forklift  licence" are the same skill. Duplicates go, order is
kept sorted so that events and profiles compare equal whatever order they were typed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from services.matching.domain.errors import DomainError

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
MAX_TAG_LENGTH = 80


def tag(text: str) -> str:
    return " ".join(text.split()).casefold()


def tags(values: Iterable[str]) -> tuple[str, ...]:
    """The distinct non-empty tags in normal form, sorted."""
    found = {tag(value) for value in values}
    found.discard("")
    if any(len(value) > MAX_TAG_LENGTH for value in found):
        raise DomainError("tag_too_long")
    return tuple(sorted(found))


def languages(values: Iterable[str]) -> tuple[str, ...]:
    """ISO 639 language codes (``fi``, ``sv``, ``en``...), lower case, sorted."""
    codes = tags(values)
    for code in codes:
        if not _LANGUAGE.match(code):
            raise DomainError("invalid_language_code", code)
    return codes


def municipality(text: str) -> str:
    """A municipality as compared: Helsinki, HELSINKI and ' helsinki ' are one place."""
    return tag(text)

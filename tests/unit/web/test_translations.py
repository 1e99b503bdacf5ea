"""Every message the site shows has a Finnish and a Swedish translation."""

from __future__ import annotations

import pytest

from shared.web.catalogues import messages, untranslated, web_packages
from shared.web.i18n import translations
from shared.web.pages import SHARED_LOCALE

PACKAGES = web_packages()
SHARED = PACKAGES[0]


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_every_message_is_translated_into_finnish_and_swedish(package: object) -> None:
    missing = list(untranslated(package, SHARED))  # type: ignore[arg-type]

    assert missing == [], "run `duuni i18n update` and translate:\n" + "\n".join(missing)


def test_the_site_has_messages_to_translate() -> None:
    assert len(messages(SHARED)) >= 10
    assert any(p.name == "intake" for p in PACKAGES)


@pytest.mark.parametrize(("language", "expected"), [("fi", "Asiakkaat"), ("sv", "Klienter")])
def test_a_catalogue_translates_at_run_time(language: str, expected: str) -> None:
    assert translations(language, [SHARED_LOCALE]).gettext("Clients") == expected


def test_english_is_the_source_language() -> None:
    assert translations("en", [SHARED_LOCALE]).gettext("Clients") == "Clients"

"""Every message the site shows has a Finnish and a Swedish translation."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.web.catalogues import WebPackage, messages, untranslated, web_packages
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


INTAKE_LOCALE = SHARED_LOCALE.parents[2] / "services" / "intake" / "entrypoints" / "locale"


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [
        ("fi", "1 asiakas löytyi.", "2 asiakasta löytyi."),
        ("sv", "1 klient hittades.", "2 klienter hittades."),
    ],
)
def test_a_count_takes_the_languages_own_plural_form(language: str, one: str, many: str) -> None:
    catalogue = translations(language, [SHARED_LOCALE, INTAKE_LOCALE])
    found = "%(num)s client found.", "%(num)s clients found."

    assert catalogue.ngettext(*found, 1) % {"num": 1} == one
    assert catalogue.ngettext(*found, 2) % {"num": 2} == many


PLURAL_PO = """msgid ""
msgstr ""
"Language: {language}\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "%(num)s apple"
msgid_plural "%(num)s apples"
msgstr[0] "{one}"
msgstr[1] "{many}"
"""


def a_package(tmp_path: Path, one: str, many: str) -> WebPackage:
    (tmp_path / "templates").mkdir(parents=True)
    (tmp_path / "templates" / "fruit.html").write_text(
        '{{ ngettext("%(num)s apple", "%(num)s apples", count) }}'
    )
    (tmp_path / "locale").mkdir()
    for language in ("fi", "sv"):
        po = PLURAL_PO.format(language=language, one=one, many=many)
        (tmp_path / "locale" / f"{language}.po").write_text(po)
    return WebPackage("fruit", tmp_path, tmp_path / "locale")


def test_a_plural_message_is_translated_only_with_every_form(tmp_path: Path) -> None:
    complete = a_package(tmp_path / "complete", "%(num)s omena", "%(num)s omenaa")
    half = a_package(tmp_path / "half", "%(num)s omena", "")

    assert list(untranslated(complete)) == []
    assert [line.split(" (")[0] for line in untranslated(half)] == [
        "fruit/fi: '%(num)s apple'",
        "fruit/sv: '%(num)s apple'",
    ]


def _status_package(tmp_path: Path, marked: bool) -> WebPackage:
    (tmp_path / "templates").mkdir(parents=True)
    (tmp_path / "templates" / "lead.html").write_text('{{ _("Status") }} {{ _("Reason") }}')
    (tmp_path / "locale").mkdir()
    comment = "# same as English\n" if marked else ""
    for language, reason in (("fi", "Syy"), ("sv", "Orsak")):
        (tmp_path / "locale" / f"{language}.po").write_text(
            f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n\n'
            f'{comment}msgid "Status"\nmsgstr "{"Tila" if language == "fi" else "Status"}"\n\n'
            f'msgid "Reason"\nmsgstr "{reason}"\n'
        )
    return WebPackage("leads", tmp_path, tmp_path / "locale")


def test_a_translation_left_in_english_fails_unless_marked_as_meant(tmp_path: Path) -> None:
    forgotten = _status_package(tmp_path / "forgotten", marked=False)
    meant = _status_package(tmp_path / "meant", marked=True)

    [line] = untranslated(forgotten)
    assert line.startswith("leads/sv: 'Status' is left in English")
    assert list(untranslated(meant)) == []

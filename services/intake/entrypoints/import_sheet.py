"""Reading a participant sheet (CSV or XLSX) into import commands (entrypoint: parsing only).

The columns are exactly those of reporting's participant export in its codes form (stable
column names, codes, ISO dates), so that a project exported from one Duuni imports back
into another without loss; ``tests`` hold the two lists equal. Columns that the export
derives (age group, long-term unemployed, national destination, the four-week window,
participations, corrections) are read past: the services derive them again. Three more
columns may follow the export's, for what an earlier system knows and the export does
not carry: ``entry_route``, ``referral_kind`` and ``intermediate_kind``; and who the
participant is, which a project's own spreadsheet has and the export never writes
(``PERSON_COLUMNS``: names, identity code, birth date, phone, e-mail, language).

Every problem is kept with its row (as a spreadsheet numbers it, the header being row 1)
and its column (as the file names it); nothing is guessed, and an empty cell is a missing
value, never a default.
"""

from __future__ import annotations

import dataclasses
import re
from enum import Enum
from typing import Final, TypeVar

from services.intake.domain.contact import normalised_phone
from services.intake.domain.esf import (
    EducationLevel,
    EmploymentType,
    EntryRoute,
    EsfStartData,
    ExitStatus,
    Gender,
    IntermediateKind,
    LabourMarketStatus,
    ReferralKind,
    SensitiveAnswer,
    SensitiveAnswers,
)
from services.intake.domain.identity import InvalidIdentityCode, birth_date_of
from services.intake.domain.importing import ImportedExit, ImportedPerson, ImportParticipant
from shared.web import sheet_import
from shared.web.i18n import N_
from shared.web.sheet_import import NOT_A_CODE, Cells, read_columns
from shared.web.sheets import Problem

SENSITIVE: Final = (
    "disability", "foreign_background", "third_country_national", "minority",
    "homeless_or_housing_exclusion", "other_disadvantaged",
)  # fmt: skip
PARTICIPANT_COLUMNS: Final = (
    "participant_id", "start_date", "gender", "age_at_start", "age_band",
    "employment_status_at_start", "long_term_unemployed", "unemployed_since",
    "highest_education_before_start",
    *(f"sensitive_{name}" for name in SENSITIVE),
    "participations", "corrections", "end_date", "status_upon_leaving", "employment_type",
    "national_destination", "upon_leaving_window_closed",
)  # fmt: skip
"""Reporting's participant export, codes form, column for column."""
EXTRA_COLUMNS: Final = ("entry_route", "referral_kind", "intermediate_kind")
PERSON_COLUMNS: Final = (
    "first_name", "last_name", "identity_code", "birth_date", "phone", "email", "language",
)  # fmt: skip
"""Who the participant is, all optional: kept in the personal-data store, never in events
(the export does not write them; a project's own spreadsheet has them)."""
LANGUAGE_CODES: Final = ("fi", "sv", "en")
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MAX_NAME: Final = 200
REQUIRED: Final = (
    "participant_id", "start_date", "gender", "age_at_start", "employment_status_at_start",
    "highest_education_before_start",
)  # fmt: skip
"""Without these intake cannot hold a participant at all (its start data need them)."""

"""A sheet of 10,000 participants is about 2 MB; anything far larger is not one."""

# Messages (English msgids, translated in ``locale/``) of the problems a cell can have.
MISSING = N_("missing: the start form needs it")
TWICE = N_("the same participant is on row %(row)s too")
NO_ROWS = N_("the file has a header but no participants")
NOT_AN_IDENTITY_CODE = N_("not a valid personal identity code")
NOT_A_PHONE = N_("not a phone number (write it as 040 123 4567 or +358 40 123 4567)")
NOT_AN_EMAIL = N_("not an e-mail address")
TOO_LONG = N_("longer than %(limit)s characters")
SAME_PERSON = N_("the same identity code is on row %(row)s too")

E = TypeVar("E", bound=Enum)


@dataclasses.dataclass(frozen=True, slots=True)
class SheetRow:
    """A row of the file: its command, or the problems that keep it from being one."""

    row: int
    reference: str
    command: ImportParticipant | None
    problems: tuple[Problem, ...]


Sheet = sheet_import.Sheet[SheetRow]  # a type only: built as ``sheet_import.Sheet``


def read_participants(data: bytes, filename: str) -> Sheet:
    """Every row of the file as an import command, or with its problems."""
    table = read_columns(data, filename, REQUIRED, NO_ROWS)  # no rows if it has problems
    sha256 = table.sha256
    seen: dict[str, int] = {}
    codes: dict[str, int] = {}
    read: list[SheetRow] = []
    for number, cells in table.rows:
        row = _Row(number, cells, table.where, MISSING)
        command = row.command(sha256)
        reference = row.text("participant_id") or ""
        if reference and reference in seen:
            row.problem("participant_id", TWICE, row=str(seen[reference]))
            command = None
        seen.setdefault(reference, number)
        code = None if command is None else command.person.identity_code
        if code and code in codes:
            row.problem("identity_code", SAME_PERSON, row=str(codes[code]))
            command = None
        if code:
            codes.setdefault(code, number)
        read.append(SheetRow(number, reference, command, tuple(row.problems)))
    return sheet_import.Sheet(sha256, tuple(read), table.problems)


class _Row(Cells):
    """One participant's cells: the start and end forms' values, and who they are."""

    def command(self, sha256: str) -> ImportParticipant | None:
        reference = self.text("participant_id", required=True)
        entered = self.day("start_date", required=True)
        gender = self.code("gender", Gender, required=True)
        age = self.number("age_at_start", required=True)
        status = self.code("employment_status_at_start", LabourMarketStatus, required=True)
        since = self.day("unemployed_since")
        education = self.code("highest_education_before_start", EducationLevel, required=True)
        answers = {
            name: self.code(f"sensitive_{name}", SensitiveAnswer) or SensitiveAnswer.NOT_ASKED
            for name in SENSITIVE
        }
        route = self.code("entry_route", EntryRoute) or EntryRoute.NOT_RECORDED
        leaving = self._exit()
        person = self._person()
        if (
            self.problems or reference is None or entered is None or gender is None
            or age is None or status is None or education is None
        ):  # fmt: skip
            return None
        return ImportParticipant(
            reference=reference,
            entry_date=entered,
            start_data=EsfStartData(
                age_at_entry=age,
                gender=gender,
                education=education,
                labour_market_status=status,
                unemployed_since=since,
                sensitive=SensitiveAnswers(**answers),
            ),
            entry_route=route,
            exit=leaving,
            person=person,
            file_sha256=sha256,
            row=self.line,
        )

    def _name(self, column: str) -> str:
        name = self.text(column) or ""
        if len(name) > MAX_NAME:
            self.problem(column, TOO_LONG, limit=str(MAX_NAME))
        return name

    def _person(self) -> ImportedPerson:
        """Who the participant is: each value checked as the enrolment form checks it."""
        code = self.text("identity_code")
        if code is not None:
            code = code.upper()
            try:
                birth_date_of(code)
            except InvalidIdentityCode:
                self.problem("identity_code", NOT_AN_IDENTITY_CODE)
        phone = self.text("phone") or ""
        if phone and (normalised := normalised_phone(phone)) is None:
            self.problem("phone", NOT_A_PHONE)
        elif phone:
            phone = normalised or phone
        email = self.text("email") or ""
        if email and (len(email) > 254 or not _EMAIL.fullmatch(email)):
            self.problem("email", NOT_AN_EMAIL)
        language = self.text("language")
        if language is not None and language not in LANGUAGE_CODES:
            self.problem("language", NOT_A_CODE, codes=", ".join(LANGUAGE_CODES))
        return ImportedPerson(
            first_name=self._name("first_name"), last_name=self._name("last_name"),
            identity_code=code, birth_date=self.day("birth_date"), phone=phone, email=email,
            language=language or "fi",
        )  # fmt: skip

    def _kind(self, status: ExitStatus, kind: type[E]) -> E | None:
        """The exit's kind as the export's ``national_destination`` names it
        (``referred_to_other_services.health_care``): said by the file, not guessed."""
        destination = self.text("national_destination") or ""
        prefix = f"{status.value}."
        if self.text("status_upon_leaving") != status.value or not destination.startswith(prefix):
            return None
        try:
            return kind(destination.removeprefix(prefix))
        except ValueError:
            return None

    def _exit(self) -> ImportedExit | None:
        """The exit when the row has an end date; its status is then needed."""
        ended = self.day("end_date")
        status = self.code("status_upon_leaving", ExitStatus, required=ended is not None)
        employment = self.code("employment_type", EmploymentType)
        referral = self.code("referral_kind", ReferralKind) or self._kind(
            ExitStatus.REFERRED_TO_OTHER_SERVICES, ReferralKind
        )
        intermediate = self.code("intermediate_kind", IntermediateKind) or self._kind(
            ExitStatus.INTERMEDIATE_LABOUR_MARKET, IntermediateKind
        )
        if ended is None:
            if status is not None:
                self.problem("end_date", MISSING)
            return None
        if status is None:
            return None
        return ImportedExit(
            exit_date=ended, exit_status=status, employment_type=employment,
            referral_kind=referral, intermediate_kind=intermediate,
        )  # fmt: skip

"""Uploaded sheets (CSV or XLSX) read into a header and rows, and how a problem in one is
told: shared by every import (participants in intake, sessions in coaching), so that a
file is read, refused and reported the same way whatever it brings in.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable
from typing import Any, Final

from shared.web.i18n import N_

MAX_BYTES: Final = 20 * 1024 * 1024
NOT_A_SHEET = N_("not a CSV or XLSX file with a header row")
TOO_LARGE = N_("the file is larger than 20 MB")


class SheetError(ValueError):
    """The file as a whole cannot be read; ``message`` is an msgid."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclasses.dataclass(frozen=True, slots=True)
class Problem:
    """One problem: where (row, column as the file names it) and what (an msgid)."""

    row: int
    column: str
    message: str
    values: tuple[tuple[str, str], ...] = ()
    """What the message's ``%(name)s`` placeholders stand for."""

    def text(self, tr: Callable[[str], str] = lambda m: m) -> str:
        return tr(self.message) % dict(self.values) if self.values else tr(self.message)


def read_table(data: bytes, filename: str) -> tuple[list[str], list[list[Any]]]:
    """The header and the non-empty rows of a CSV (``,``, ``;`` or tab; UTF-8) or XLSX."""
    if len(data) > MAX_BYTES:
        raise SheetError(TOO_LARGE)
    if filename.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        table = _xlsx_table(data)
    else:
        table = _csv_table(data)
    if not table or not any(str(cell or "").strip() for cell in table[0]):
        raise SheetError(NOT_A_SHEET)
    header = [str(cell or "").strip() for cell in table[0]]
    return header, [row for row in table[1:] if any(str(c or "").strip() for c in row)]


def _csv_table(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(NOT_A_SHEET) from None
    delimiter = max((";", ",", "\t"), key=text.split("\n", 1)[0].count)
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_table(data: bytes) -> list[list[Any]]:
    try:
        import openpyxl  # type: ignore[import-not-found, import-untyped, unused-ignore]

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a broken or foreign file, whatever openpyxl makes of it
        raise SheetError(NOT_A_SHEET) from None
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()

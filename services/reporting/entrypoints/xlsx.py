"""XLSX exports, when openpyxl is installed (entrypoint layer: formatting only).

Without openpyxl the XLSX routes answer 501 and say so, and the CSV exports carry the
same columns. Numbers stay numbers and dates real dates in the workbook, so that the
spreadsheet shows them in its own locale and can count with them; a date cell gets the
short date of the export's language (or ISO in the codes form) as its number format.
"""

from __future__ import annotations

import importlib.util
import io
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

WIDEST = 60
"""Characters: a wider column would push the others off the screen."""
ISO_DATES = "yyyy-mm-dd"
"""The number format of a date cell in the codes form (and by default)."""


def available() -> bool:
    return importlib.util.find_spec("openpyxl") is not None


def workbook(
    sheet: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    date_format: str = ISO_DATES,
    cell: Callable[[Any], Any] = lambda value: value,
) -> bytes:
    """One sheet with a bold, frozen header row and the rows, as XLSX bytes.

    ``cell`` turns a value into what the sheet holds (yes/no in words, for example);
    dates are kept as dates and shown with ``date_format``.
    """
    import openpyxl  # type: ignore[import-not-found, import-untyped, unused-ignore]
    from openpyxl.styles import Font  # type: ignore[import-not-found, import-untyped, unused-ignore]
    from openpyxl.utils import get_column_letter  # type: ignore[import-not-found, import-untyped, unused-ignore]

    book = openpyxl.Workbook()
    page = book.active
    page.title = sheet[:31]  # the longest sheet name Excel opens
    page.append(list(header))
    widths = [len(str(name)) for name in header]
    for cell_of_header in page[1]:
        cell_of_header.font = Font(bold=True)
    for row in rows:
        values = [cell(value) for value in row]
        page.append(values)
        for index, value in enumerate(values):
            if isinstance(value, date):
                page.cell(row=page.max_row, column=index + 1).number_format = date_format
            widths[index] = max(widths[index], len(str(value or "")))
    for index, width in enumerate(widths):
        page.column_dimensions[get_column_letter(index + 1)].width = min(WIDEST, width + 2)
    page.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

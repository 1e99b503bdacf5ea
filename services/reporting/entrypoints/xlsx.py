"""XLSX exports, when openpyxl is installed (entrypoint layer: formatting only).

openpyxl is not a dependency of the project yet; without it the XLSX routes answer 501
and say so, and the CSV exports carry the same columns.
"""

from __future__ import annotations

import importlib.util
import io
from collections.abc import Sequence
from typing import Any


def available() -> bool:
    return importlib.util.find_spec("openpyxl") is not None


def workbook(sheet: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """One sheet with a bold header row and the rows, as XLSX bytes."""
    import openpyxl  # type: ignore[import-not-found, import-untyped, unused-ignore]
    from openpyxl.styles import Font  # type: ignore[import-not-found, import-untyped, unused-ignore]

    book = openpyxl.Workbook()
    page = book.active
    page.title = sheet
    page.append(list(header))
    for cell in page[1]:
        cell.font = Font(bold=True)
    for row in rows:
        page.append(list(row))
    page.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

"""Reading submitted HTML forms (entrypoint layer): text in, typed values out, errors by field.

Pages post forms without JavaScript; a field that cannot be read collects an error code
under its name, and ``check`` refuses the whole form before any handler runs, so the
page can answer with the same form, the values kept and each error at its field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import TypeVar

from fastapi import Request

E = TypeVar("E")
S = TypeVar("S", bound=StrEnum)


class FormError(Exception):
    """Input the page itself refuses before any handler runs (a date that is not one…)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


@dataclasses.dataclass
class Form:
    values: dict[str, str]
    errors: dict[str, str] = dataclasses.field(default_factory=dict)

    def text(self, name: str, *, required: bool = False) -> str:
        value = self.values.get(name, "").strip()
        if required and not value:
            self.errors.setdefault(name, "required")
        return value

    def day(self, name: str, *, required: bool = False) -> date | None:
        value = self.text(name, required=required)
        if not value:
            return None
        try:
            return parse_date(value)
        except ValueError:
            self.errors.setdefault(name, "invalid_date")
            return None

    def required_day(self, name: str) -> date:
        """The date, or the epoch with an error noted (``check`` refuses the form then)."""
        return self.day(name, required=True) or date.min

    def choice(self, name: str, kind: Callable[[str], E]) -> E | None:
        value = self.text(name, required=True)
        if not value:
            return None
        try:
            return kind(value)
        except ValueError:
            self.errors.setdefault(name, "invalid_choice")
            return None

    def chosen(self, name: str, kind: type[S]) -> S:
        """The chosen member, or the first with an error noted (``check`` refuses the form)."""
        return self.choice(name, kind) or next(iter(kind))

    def number(self, name: str) -> int | None:
        value = self.text(name)
        if not value:
            return None
        try:
            return int(value)
        except ValueError:
            self.errors.setdefault(name, "invalid_number")
            return None

    def tags(self, name: str) -> list[str]:
        """Comma- or line-separated entries."""
        text = self.values.get(name, "").replace("\n", ",")
        return [part.strip() for part in text.split(",") if part.strip()]

    def flag(self, name: str) -> bool:
        return self.values.get(name, "") in ("yes", "on", "true")

    def check(self) -> None:
        if self.errors:
            raise FormError(self.errors)


def parse_date(value: str) -> date:
    """ISO (what date inputs send) or the Finnish d.m.yyyy a coach may type."""
    if "." in value:
        day, month, year = (int(part) for part in value.split(".")[:3])
        return date(year, month, day)
    return date.fromisoformat(value)


async def read_form(request: Request) -> Form:
    data = await request.form()
    return Form({k: v for k, v in data.items() if isinstance(v, str)})

"""Reading submitted HTML forms, for every service's pages: text in, typed values out.

Pages post forms without JavaScript. A field that cannot be read notes an error code
under its name and the reader goes on, so that one answer shows every error of the form
at its field with the values kept; ``check`` then refuses the form before any command
is built. The codes are the same kind a domain's ``Refusal`` carries and are translated
the same way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, time
from enum import StrEnum
from typing import TypeVar

from fastapi import Request

from shared.refusal import Refusal

E = TypeVar("E")
S = TypeVar("S", bound=StrEnum)


class FormRefused(Refusal):
    """Values the page itself could not read; ``errors`` maps each field to its code."""

    def __init__(self, errors: dict[str, str]) -> None:
        field, code = next(iter(errors.items()))
        super().__init__(code, field, detail=", ".join(errors))
        self._errors = dict(errors)

    @property
    def errors(self) -> dict[str, str]:
        return dict(self._errors)


def parse_date(value: str) -> date:
    """ISO (what date inputs send) or the Finnish d.m.yyyy a coach may type."""
    if "." in value:
        day, month, year = (int(part) for part in value.split(".")[:3])
        return date(year, month, day)
    return date.fromisoformat(value)


@dataclasses.dataclass
class FormReader:
    """One submitted form: its values (the last of each name; ``lists`` for the rest)."""

    values: dict[str, str]
    lists: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    errors: dict[str, str] = dataclasses.field(default_factory=dict)

    def text(self, name: str, *, required: bool = False) -> str:
        value = self.values.get(name, "").strip()
        if required and not value:
            self.errors.setdefault(name, "required")
        return value

    def optional(self, name: str) -> str | None:
        return self.text(name) or None

    def every(self, name: str) -> list[str]:
        """Every non-empty value of a repeated field (checkboxes, multiple selects)."""
        return [v.strip() for v in self.lists.get(name, []) if v.strip()]

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

    def clock(self, name: str, *, required: bool = True) -> time | None:
        value = self.text(name, required=required)
        if not value:
            return None
        try:
            return time.fromisoformat(value)
        except ValueError:
            self.errors.setdefault(name, "invalid_time")
            return None

    def choice(self, name: str, kind: Callable[[str], E], *, required: bool = True) -> E | None:
        value = self.text(name, required=required)
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

    def number(self, name: str, *, required: bool = False) -> int | None:
        value = self.text(name, required=required)
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
        """Refuse the form when any field could not be read."""
        if self.errors:
            raise FormRefused(dict(self.errors))


async def read_form(request: Request) -> FormReader:
    data = await request.form()
    lists: dict[str, list[str]] = {}
    for key, value in data.multi_items():
        if isinstance(value, str):
            lists.setdefault(key, []).append(value)
    return FormReader({key: values[-1] for key, values in lists.items()}, lists)

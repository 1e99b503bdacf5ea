"""Building one record from another that says the same things (pure, any service's domain).

A domain command repeats the edge's command with what the handler adds (the new id, the
project, today); an event repeats its command as decided; a state starts as its first
event said. ``like`` copies the like-named fields, so each of those places names only
what it adds or changes.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    D = TypeVar("D", bound=DataclassInstance)


def like(kind: type[D], source: object, /, **given: Any) -> D:
    """A ``kind`` from the like-named fields of ``source``; ``given`` sets the fields
    ``source`` does not hold, or holds otherwise. ``kind`` and ``source`` are positional,
    so that records may have fields of those names (a task's ``kind``)."""
    names = [field.name for field in dataclasses.fields(kind) if field.name not in given]
    told = {name: getattr(source, name) for name in names if hasattr(source, name)}
    return kind(**told, **given)

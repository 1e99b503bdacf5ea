"""Upstream payloads decoded into reporting's readers, with msgspec (adapter layer).

One decoder per event type, built once: a payload's JSON goes straight into its reader
in C, skipping every field reporting does not read. The readers are declared as
dataclasses in ``domain/upstream.py``; what this module decodes into is each one's
mirror as a ``msgspec.Struct`` (same names, fields, types and defaults, built from the
dataclass), which msgspec fills about twice as fast and without tracking by the garbage
collector: a replay builds one of them per event. The fold reads payloads only by
attribute, so a mirror folds exactly as its dataclass would. The live projection
converts the dictionaries it is handed into the same mirrors, so a payload is refused
alike live (dead-lettered) and in a replay (skipped).
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import types
import typing
from collections.abc import Mapping
from typing import Any, Final

import msgspec

from services.reporting.domain.upstream import Payload, readers


class PayloadRefused(ValueError):
    """A payload does not fit the reader of its event type."""


def _mirror_type(hint: Any) -> Any:
    """``hint`` with every dataclass in it replaced by its ``Struct`` mirror."""
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return mirror(hint)
    args = typing.get_args(hint)
    if not args:
        return hint
    mirrored: tuple[Any, ...] = tuple(arg if arg is Ellipsis else _mirror_type(arg) for arg in args)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return functools.reduce(operator.or_, mirrored)
    return origin[mirrored]


_MIRRORS: dict[type[Any], type[msgspec.Struct]] = {}


def mirror(cls: type[Any]) -> type[msgspec.Struct]:
    """The ``Struct`` that decodes as the dataclass ``cls`` does: its fields, in its order
    with the required ones first (keyword-only, so the order means nothing), their types
    and defaults; a default built by a dataclass is built by that one's mirror."""
    found = _MIRRORS.get(cls)
    if found is not None:
        return found
    hints = typing.get_type_hints(cls)
    required: list[tuple[str, Any]] = []
    optional: list[tuple[str, Any, Any]] = []
    for field in dataclasses.fields(cls):
        kind = _mirror_type(hints[field.name])
        if field.default is not dataclasses.MISSING:
            optional.append((field.name, kind, field.default))
        elif field.default_factory is not dataclasses.MISSING:
            factory: Any = field.default_factory
            if isinstance(factory, type) and dataclasses.is_dataclass(factory):
                factory = mirror(factory)
            optional.append((field.name, kind, msgspec.field(default_factory=factory)))
        else:
            required.append((field.name, kind))
    made = _MIRRORS[cls] = msgspec.defstruct(
        cls.__name__, [*required, *optional], kw_only=True, frozen=True, gc=False,
        module=__name__,
    )  # fmt: skip
    return made


class PayloadReader:
    """Decoders and converters into the readers' mirrors, by event type."""

    UNREADABLE: Final = (msgspec.ValidationError, msgspec.DecodeError)
    """What a decoder raises for a payload that does not fit its reader."""

    def __init__(self) -> None:
        self.classes = {name: mirror(cls) for name, cls in readers().items()}
        self.decode_json = {
            name: msgspec.json.Decoder(cls).decode for name, cls in self.classes.items()
        }
        """The decoder of each type's JSON payloads, as the fold takes them (``Encoded``)."""

    def convert(self, event_type: str, payload: Mapping[str, Any]) -> Payload:
        """The reader of a decoded payload; raises ``PayloadRefused`` when it does not fit."""
        try:
            return msgspec.convert(payload, self.classes[event_type])
        except msgspec.ValidationError as error:
            raise PayloadRefused(f"{event_type}: {error}") from None

    def folds(self, event_type: str) -> bool:
        return event_type in self.classes


@functools.cache
def payload_reader() -> PayloadReader:
    """The one reader of a process: its decoders are built on first use, then shared."""
    return PayloadReader()

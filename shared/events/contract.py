"""Event contracts: stable wire names, schema versions, upcasters and the type registry.

Pure Python on purpose, so that every service's ``domain`` package may import it. The
wire name of an event is declared, never derived from a class or module name: renaming a
class must not change what partners and auditors read in the log.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Protocol, TypeVar, dataclass_transform

from shared.events.privacy import check_field_names, check_free_text_fields

Payload = dict[str, Any]
Upcaster = Callable[[Payload], Payload]


class DomainEvent(Protocol):
    """What every event class offers once decorated with :func:`event_type`."""

    __event_type__: ClassVar[str]
    __schema_version__: ClassVar[int]


E = TypeVar("E")


def event_type(name: str, version: int = 1) -> Callable[[type[E]], type[E]]:
    """Give an event class its stable wire name and current schema version."""
    if "." not in name or name != name.lower():
        raise ValueError(f"event type {name!r} must look like 'service.something_happened'")
    if version < 1:
        raise ValueError("schema versions start at 1")

    def decorate(cls: type[E]) -> type[E]:
        if not dataclasses.is_dataclass(cls):
            raise TypeError(f"{cls.__name__} must be a dataclass to be an event")
        cls.__event_type__ = name  # type: ignore[attr-defined]
        cls.__schema_version__ = version  # type: ignore[attr-defined]
        return cls

    return decorate


@dataclass_transform(frozen_default=True, kw_only_default=True)
def event(name: str, version: int = 1) -> Callable[[type[E]], type[E]]:
    """Declare an event: an immutable, keyword-only dataclass with a wire name and version.

    Events are facts that have happened and a contract others read, so every one of them
    is frozen and slotted the same way; one decorator says so once instead of two lines
    on every class that could drift apart.
    """
    named = event_type(name, version)

    def decorate(cls: type[E]) -> type[E]:
        return named(dataclasses.dataclass(frozen=True, kw_only=True, slots=True)(cls))

    return decorate


def type_name_of(event: object) -> str:
    name = getattr(type(event), "__event_type__", None)
    if not isinstance(name, str):
        raise TypeError(f"{type(event).__name__} has no event type; decorate it with @event_type")
    return name


def schema_version_of(event: object) -> int:
    version = getattr(type(event), "__schema_version__", None)
    if not isinstance(version, int):
        raise TypeError(f"{type(event).__name__} has no schema version")
    return version


class UnknownEventType(LookupError):
    """An event type this reader was not built with; consumers skip and count these."""


class EventContracts:
    """The event classes one reader understands, with the upcasters for older versions.

    Upcasters are keyed by (type, from_version) and chained on read until the payload
    reaches the class's current version; stored bytes are never rewritten.
    """

    def __init__(self) -> None:
        self._classes: dict[str, type[Any]] = {}
        self._upcasters: dict[tuple[str, int], Upcaster] = {}
        self._ignored: set[str] = set()

    def register(self, *classes: type[Any]) -> EventContracts:
        for cls in classes:
            name = getattr(cls, "__event_type__", None)
            if not isinstance(name, str):
                raise TypeError(f"{cls.__name__} has no event type; decorate it with @event_type")
            check_field_names(name, (f.name for f in dataclasses.fields(cls)))
            check_free_text_fields(name, ((f.name, f.type) for f in dataclasses.fields(cls)))
            known = self._classes.get(name)
            if known is not None and known is not cls:
                raise ValueError(f"event type {name!r} is taken by {known.__name__}")
            self._classes[name] = cls
        return self

    def upcaster(self, name: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
        def decorate(fn: Upcaster) -> Upcaster:
            self._upcasters[(name, from_version)] = fn
            return fn

        return decorate

    def ignore(self, *names: str) -> EventContracts:
        """Event types this reader knows of and skips on purpose: a consumer passes them by
        quietly instead of counting them as unknown, and needs no class to decode them."""
        self._ignored.update(names)
        return self

    def knows(self, name: str) -> bool:
        return name in self._classes or name in self._ignored

    def class_for(self, name: str) -> type[Any]:
        try:
            return self._classes[name]
        except KeyError:
            raise UnknownEventType(name) from None

    def names(self) -> list[str]:
        return sorted(self._classes)

    def upcast(self, name: str, version: int, payload: Mapping[str, Any]) -> Payload:
        """Bring a stored payload of ``version`` up to the class's current version."""
        cls = self.class_for(name)
        current: int = cls.__schema_version__
        data = dict(payload)
        while version < current:
            step = self._upcasters.get((name, version))
            if step is None:
                raise ValueError(f"no upcaster for {name} v{version} -> v{version + 1}")
            data = step(data)
            version += 1
        if version > current:
            raise ValueError(f"{name} v{version} is newer than this reader's v{current}")
        return data

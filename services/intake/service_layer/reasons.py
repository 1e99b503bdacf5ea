"""Where the words of a reason are kept, apart from the events that name them (service
layer).

A correction of start data, an enrolment outside the target group and a change of a
project's plan each give a reason. The event carries its code (``domain.reasons``) and,
when words were given, the id under which this port keeps them: events are permanent and
published, the words may name a person or their circumstances and must be erasable.
Words about a client are sealed with that person's key and go with their erasure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from services.intake.domain.errors import DomainError
from shared.events.privacy import PersonalDataInEvent, check_payload


class KeptReasons(Protocol):
    def keep(self, reason_id: str, text: str, *, project_id: str, client_id: str | None,
             author: str) -> None:  # fmt: skip
        """Keep (or replace) the words under ``reason_id``; a client's are sealed with
        their key (refused when the client's data is not held)."""
        ...

    def texts(self, project_id: str, reason_ids: Sequence[str]) -> dict[str, str]:
        """The words of those of ``reason_ids`` the project holds and can still open."""
        ...


def checked_words(text: str, field: str) -> str:
    """The words stripped; refused (``personal_data_in_text`` at ``field``) when they hold
    an identity code, an e-mail address or a phone number, which belong in the person's
    record and nowhere else."""
    words = text.strip()
    try:
        check_payload("reason", {field: words})
    except PersonalDataInEvent as error:
        raise DomainError(error.code, field=field) from None
    return words


def keep_words(store: KeptReasons | None, reason_id: str | None, words: str, *,
               project_id: str, client_id: str | None, author: str) -> None:  # fmt: skip
    """Keep the words the event names by ``reason_id`` (nothing when none were given)."""
    if reason_id is None or not words.strip():
        return
    if store is None:
        raise RuntimeError("intake was built without a store for reasons' words")
    store.keep(reason_id, words.strip(), project_id=project_id, client_id=client_id,
               author=author)  # fmt: skip

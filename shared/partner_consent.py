"""Partner feeds respect a withdrawn consent to share with partner projects.

A client's consent per purpose is an event on intake's log (``intake.consent_given`` and
``intake.consent_withdrawn``, purpose ``partner_sharing``). The relay of intake's feed reads
those events from the log it relays, incrementally, and publishes no further event about
a client whose sharing consent is withdrawn (until it is given again). The state is the
one at publishing time: an event recorded before the withdrawal but not yet published is
held back too, which errs on the side of the person.
"""

from __future__ import annotations

from collections.abc import Callable

from shared.eventlog.sql import SqlEventLog
from shared.events.envelope import RecordedEvent

SHARING: str = "partner_sharing"
GIVEN, WITHDRAWN = "intake.consent_given", "intake.consent_withdrawn"


class SharingConsents:
    """Clients whose consent to partner sharing is withdrawn, as intake's log says."""

    def __init__(self, intake_log: SqlEventLog) -> None:
        self._log = intake_log
        self.position = 0
        """The last position of intake's log read."""
        self.withdrawn: set[str] = set()

    def refresh(self) -> None:
        """Read the consent events appended since the last read."""
        for event in self._log.read_all(self.position):
            self.position = event.position
            if event.event_type in (GIVEN, WITHDRAWN) and event.payload.get("purpose") == SHARING:
                client = str(event.payload.get("client_id"))
                if event.event_type == WITHDRAWN:
                    self.withdrawn.add(client)
                else:
                    self.withdrawn.discard(client)

    def shared(self, event: RecordedEvent) -> bool:
        """Whether ``event`` may go to a partner: it names no client who withdrew."""
        client = event.payload.get("client_id")
        return client is None or str(client) not in self.withdrawn


def respecting_consent(
    accept: Callable[[RecordedEvent], bool], consents: SharingConsents
) -> Callable[[RecordedEvent], bool]:
    """``accept`` that also holds back events about clients who withdrew sharing."""

    def admitted(event: RecordedEvent) -> bool:
        if event.position > consents.position:  # the log has grown past what was read
            consents.refresh()
        return accept(event) and consents.shared(event)

    return admitted

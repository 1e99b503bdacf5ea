"""How often a server process runs Python's cyclic garbage collector.

With the default thresholds a page of a large project (thousands of short-lived rows)
triggers dozens of young collections while it is drawn; every object still in use at
such a moment is promoted, and the promoted ones soon trigger a full collection, which
walks every long-lived object, caches included. In a project of 10,000 clients intake's
cache of opened names alone is about 260,000 objects: a full collection took up to
433 ms, eleven times in sixty page loads. Young collections that wait for 50,000 new
objects promote far fewer, so full collections become rare; memory still comes back
(reference counting frees almost everything at once, the collector only finds cycles).
"""

from __future__ import annotations

import gc

SERVER_THRESHOLDS = (50_000, 20, 100)
"""New objects before a young collection, then young collections per middle one and
middle ones per full one (Python's defaults: 700, 10, 10)."""


def collect_less_often() -> None:
    """Set the server's thresholds; for server processes, not for tests or tools."""
    gc.set_threshold(*SERVER_THRESHOLDS)

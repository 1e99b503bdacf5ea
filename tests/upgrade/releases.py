"""The releases an upgrade must keep every record from (see CHANGELOG.md)."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Release:
    version: str
    tag: str
    commit: str
    """The tag's commit, for a clone that has the history but not the tags."""


PREVIOUS = Release("0.1.0", "v0.1.0", "97a5d635aa43f2aa3715f3f2c3872a51831e0f36")

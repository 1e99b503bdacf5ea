"""The words of the employer's forms by link (domain): which form, how a joint goal was
attained, the competence areas of a work demonstration and their scale, and what follows
in-work coaching in the employer's terms."""

from __future__ import annotations

from enum import Enum


class EmployerForm(Enum):
    """The three forms an employer's contact person fills in by link."""

    GOALS = "goals"
    """Joint goals of in-work coaching, and at review how each was attained."""
    DEMONSTRATION = "demonstration"
    """The work-demonstration assessment (työnäyttö)."""
    FOLLOW_ON = "follow_on"
    """What follows in-work coaching (jatkopolutus)."""


class Attainment(Enum):
    """A joint goal at review: achieved, partly or not."""

    ACHIEVED = "achieved"
    PARTLY = "partly"
    NOT_ACHIEVED = "not_achieved"


class CompetenceArea(Enum):
    """What a work demonstration assesses, each on ``SCALE``."""

    WORK_TASKS = "work_tasks"
    TOOLS_AND_SAFETY = "tools_and_safety"
    COOPERATION = "cooperation"
    INDEPENDENCE = "independence"
    RELIABILITY = "reliability"


SCALE = range(1, 6)
"""A competence area is assessed 1 (weak) to 5 (excellent), or left out as not shown."""


class EmployerFollowOn(Enum):
    """What follows in-work coaching, as the employer says it."""

    CONTINUES_IN_WORK = "continues_in_work"
    NEW_CONTRACT = "new_contract"
    TRAINING = "training"
    OTHER = "other"

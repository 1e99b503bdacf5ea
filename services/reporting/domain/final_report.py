"""The final report of a project, laid out like the seed projects' result sections
(domain layer, pure): participants, leavers, outcomes, services, companies, money.

It is a list of sections, each built from the period's ``Report`` and ``Money`` by one
function of ``SECTION_BUILDERS``: a new section (the six-month results) is one more
function in that list. A line names a figure of the report (and so opens its
drill-down) or a money line; its value ``None`` reads "not planned".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Final

from services.reporting.domain.facts import ProjectFacts
from services.reporting.domain.figures import Period, Report, report
from services.reporting.domain.money import Money, money

Value = int | float | Decimal | None


@dataclasses.dataclass(frozen=True, slots=True)
class Line:
    key: str
    """A figure's key, or a money line's (``money.…``): what the label is looked up by."""
    value: Value
    """At the end of the period; ``None``: not planned."""
    unit: str
    """A figure's unit, or ``cents`` or ``percent``."""
    in_period: Value = None
    planned: int | None = None
    """The figure's target, when the project plan or reporting set one."""
    figure: bool = True
    """A figure of the report: its number opens the figure's drill-down."""
    label: str | None = None
    """The project's own words for the line (a programme kind it named), shown as is."""
    level: int = 0
    """0: a line of its own; 1: a part of the line above it."""
    percent: Decimal | None = None
    """A funding source's share (money lines)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Section:
    key: str
    """``participants``, ``leavers``, ``outcomes``, ``services``, ``companies``, ``money``."""
    lines: tuple[Line, ...]
    notes: tuple[str, ...] = ()
    """Keys of the explanations printed under the section."""


@dataclasses.dataclass(frozen=True, slots=True)
class FinalReport:
    report: Report
    money: Money
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


SectionBuilder = Callable[[Report, Money], Section | None]
"""One section from the period's figures and money; ``None``: nothing to show."""


def _lines(result: Report, keys: Iterable[str], parts: Iterable[str] = ()) -> list[Line]:
    """Lines for the figures ``keys`` that the report has, in that order; keys in
    ``parts`` are shown as parts of the line above. A target of 0 is a plan that gives
    none (intake's plan records 0 for a target not given): "not planned", not 0."""
    planned = {t.figure: t.planned for t in result.targets}
    by_key = {f.key: f for f in result.figures}
    nested = set(parts)
    return [
        Line(key, by_key[key].cumulative, by_key[key].unit, by_key[key].in_period,
             planned.get(key) or None, level=1 if key in nested else 0)
        for key in keys if key in by_key
    ]  # fmt: skip


def _starting(result: Report, prefix: str) -> list[str]:
    return [f.key for f in result.figures if f.key.startswith(prefix)]


def participants_section(result: Report, _: Money) -> Section:
    keys = ["participants.total", *_starting(result, "participants.gender."),
            *_starting(result, "participants.age."), *_starting(result, "participants.status."),
            "participants.over_54", *_starting(result, "participants.education."),
            "participants.re_entered"]  # fmt: skip
    return Section("participants", tuple(_lines(result, keys, keys[1:-1])))


def leavers_section(result: Report, _: Money) -> Section:
    destinations = _starting(result, "destinations.")
    keys = ["leavers.total", *_starting(result, "results."), *destinations]
    return Section(
        "leavers",
        tuple(_lines(result, keys, destinations)),
        ("note.exit_status",),
    )


def outcomes_section(result: Report, _: Money) -> Section:
    """Placements during participation or within 28 days of leaving, and where the
    employed were employed. They overlap the status at exit: a client placed during
    participation may leave unemployed, and is counted in both places."""
    types = _starting(result, "outcomes.placements.")
    sectors = _starting(result, "outcomes.employed_in.")
    keys = ["outcomes.participants_employed", *sectors, "outcomes.placements", *types]
    return Section(
        "outcomes",
        tuple(_lines(result, keys, [*sectors, *types])),
        ("note.outcomes_overlap",),
    )


def services_section(result: Report, _: Money) -> Section:
    keys = ["coaching.clients_coached", "coaching.sessions", *_starting(result, "services.")]
    heads = {
        "coaching.clients_coached",
        "services.pre_coaching.started",
        "services.programmes",
        "services.course.started",
        "services.in_work.started",
        "services.demonstrations",
    }
    parts = [k for k in keys if k not in heads and not k.startswith("services.sessions.")]
    lines = _lines(result, keys, parts)
    named = len("services.programmes.named.")
    return Section(
        "services",
        tuple(
            dataclasses.replace(line, label=line.key[named:])
            if line.key.startswith("services.programmes.named.")
            else line
            for line in lines
        ),
        ("note.services",),
    )


def companies_section(result: Report, _: Money) -> Section:
    keys = ["companies.cooperating", "companies.cooperating_excluding_own_organisation",
            "companies.own_organisation_units", "companies.supported",
            "companies.supported_sme", "companies.hired_participants"]  # fmt: skip
    return Section("companies", tuple(_lines(result, keys, keys[1:3])))


def six_month_section(result: Report, _: Money) -> Section | None:
    """The six-month results (§6.4), when the counting rules have them: who was due a
    follow-up, who was reached and how, and their situation six months after leaving."""
    keys = _starting(result, "followups.")
    if not keys:
        return None
    heads = {"followups.due", "followups.employed_incl_self_employed"}
    parts = [k for k in keys if k not in heads]
    return Section("six_months", tuple(_lines(result, keys, parts)), ("note.six_months",))


def money_section(_: Report, cash: Money) -> Section:
    """Budget against realised cost, by category and funding source, and per head."""
    lines = [
        Line("money.budget", cash.budget_cents, "cents", figure=False),
        Line("money.realised", cash.realised_cents, "cents", cash.realised_in_period_cents,
             figure=False),
        *(Line(f"money.category.{category}", cents, "cents", figure=False, level=1)
          for category, cents in cash.by_category),
        Line("money.realised_percent", cash.realised_percent, "percent", figure=False),
        Line("money.remaining", cash.remaining_cents, "cents", figure=False),
    ]  # fmt: skip
    # A funding source's share of the realised cost, against its share of the budget.
    lines += [
        Line("money.funding", share.realised_cents, "cents", planned=share.budget_cents,
             figure=False, label=share.source, level=1, percent=share.percent)
        for share in cash.funding
    ]  # fmt: skip
    lines += [
        Line("money.per_participant", cash.per_participant_cents, "cents", figure=False),
        Line("money.per_positive_result", cash.per_positive_result_cents, "cents",
             figure=False),
    ]  # fmt: skip
    return Section("money", tuple(lines), ("note.money",))


SECTION_BUILDERS: Final[tuple[SectionBuilder, ...]] = (
    participants_section,
    leavers_section,
    outcomes_section,
    services_section,
    companies_section,
    six_month_section,
    money_section,
)
"""The sections in print order; add a builder here to add a section."""


def final_report(facts: ProjectFacts, period: Period) -> FinalReport:
    """The final report of ``facts`` for ``period`` (by default the project's whole run)."""
    result = report(facts, period)
    cash = money(facts, period, {f.key: f.cumulative for f in result.figures})
    sections = (build(result, cash) for build in SECTION_BUILDERS)
    return FinalReport(result, cash, tuple(s for s in sections if s is not None))

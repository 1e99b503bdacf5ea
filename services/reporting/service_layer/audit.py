"""Audit packs: the figures with everything needed to re-derive and check them.

A pack names the counting-rule version, the code version, the exact range of each log
and the hash-chain head there, and the figures; a digest over all of it shows whether
the pack itself was altered. ``verify_pack`` re-derives the figures from the logs and
says match or mismatch, naming the first differing figure, and the first bad event when
a log was tampered with.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any, Final

from services.reporting import domain
from services.reporting.domain.facts import ProjectFacts
from services.reporting.domain.figures import Period, Report, report
from services.reporting.domain.money import Money, money
from services.reporting.domain.rules import COUNTING_RULES_VERSION
from services.reporting.service_layer.ports import EventSource
from services.reporting.service_layer.reports import as_of_facts, project_facts, slices
from shared.events.codec import canonical_json

PACK_FORMAT: Final = "duuni-audit-pack/1"


def code_version() -> dict[str, str]:
    """The package version and a digest of the rules' source: what derived the figures."""
    try:
        package = metadata.version("duuni")
    except metadata.PackageNotFoundError:
        package = "unknown"
    digest = hashlib.sha256()
    for path in sorted(Path(domain.__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return {"package": package, "reporting_domain_sha256": digest.hexdigest()}


def digest_of(pack: dict[str, Any]) -> str:
    body = {key: value for key, value in pack.items() if key != "digest"}
    return hashlib.sha256(canonical_json(body)).hexdigest()


def _figures(result: Report, facts: ProjectFacts, period: Period) -> list[dict[str, Any]]:
    """Every figure, every target, and the final report's money, each as one line."""
    cumulative = {f.key: f.cumulative for f in result.figures}
    return _counts(result) + _money(money(facts, period, cumulative))


def _money(found: Money) -> list[dict[str, Any]]:
    """The money lines in euro cents: budget, realised cost (by category) and each funding
    source's share; ``None`` where the plan gives no budget."""
    lines = [
        ("money.budget", found.budget_cents, None),
        ("money.realised", found.realised_cents, found.realised_in_period_cents),
        *((f"money.realised.{category}", cents, None) for category, cents in found.by_category),
        *((f"money.funding.{line.source}", line.budget_cents, line.realised_cents)
          for line in found.funding),
        ("money.per_participant", found.per_participant_cents, None),
        ("money.per_positive_result", found.per_positive_result_cents, None),
    ]  # fmt: skip
    return [
        {"key": key, "section": "money", "unit": "cents", "cumulative": first,
         "in_period": second}
        for key, first, second in lines
    ]  # fmt: skip


def _counts(result: Report) -> list[dict[str, Any]]:
    return [
        {"key": f.key, "section": f.section, "unit": f.unit,
         "cumulative": f.cumulative, "in_period": f.in_period}
        for f in result.figures
    ] + [
        {"key": f"target.{t.figure}", "section": "targets", "unit": "planned",
         "cumulative": t.planned, "in_period": t.actual}
        for t in result.targets
    ]  # fmt: skip


def export_pack(
    sources: Sequence[EventSource], project_id: str, period: Period, recorded_by: str | None
) -> dict[str, Any]:
    """Derive the figures from the logs (as recorded by ``recorded_by``, else now) and pack them."""
    facts, cut = as_of_facts(sources, project_id, recorded_by)
    result = report(facts, period)
    pack: dict[str, Any] = {
        "format": PACK_FORMAT,
        "project_id": project_id,
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "recorded_by": recorded_by,
        "counting_rules_version": COUNTING_RULES_VERSION,
        "code_version": code_version(),
        "logs": {
            part.source: {
                "first_position": 1 if part.last_position else 0,
                "last_position": part.last_position,
                "head_hash": part.head_hash,
            }
            for part in cut
        },
        "figures": _figures(result, facts, period),
    }
    pack["digest"] = digest_of(pack)
    return pack


@dataclasses.dataclass(frozen=True, slots=True)
class Verification:
    match: bool
    findings: tuple[str, ...]
    """What differs, first problem first; empty on a match."""
    packed_rules: str = COUNTING_RULES_VERSION
    """The counting rules the pack was made with."""

    def describe(self) -> str:
        if not self.match:
            return "MISMATCH: " + "; ".join(self.findings)
        if self.packed_rules != COUNTING_RULES_VERSION:
            return (
                f"match: every figure of the pack (counting rules {self.packed_rules}) "
                f"re-derived from the logs by this code's rules {COUNTING_RULES_VERSION} "
                "equals it; figures added since are not in the pack"
            )
        return "match: every figure re-derived from the logs equals the pack"


def verify_pack(pack: dict[str, Any], sources: Sequence[EventSource]) -> Verification:
    findings: list[str] = []
    if pack.get("format") != PACK_FORMAT:
        return Verification(False, (f"not an audit pack of format {PACK_FORMAT}",))
    if pack.get("digest") != digest_of(pack):
        findings.append("the pack was altered after export (its digest does not match)")
    packed_rules = str(pack.get("counting_rules_version"))
    older_rules = packed_rules != COUNTING_RULES_VERSION
    logs: dict[str, Any] = pack["logs"]
    by_name = {source.name: source for source in sources}
    for name, info in logs.items():
        source = by_name.get(name)
        if source is None:
            findings.append(f"log {name} is not available")
            continue
        findings += _check_log(source, info)
    chosen = [by_name[name] for name in logs if name in by_name]
    cut = slices(
        chosen, upto={source.name: logs[source.name]["last_position"] for source in chosen}
    )
    period = Period(
        date.fromisoformat(pack["period"]["start"]), date.fromisoformat(pack["period"]["end"])
    )
    facts = project_facts(chosen, cut, pack["project_id"])
    derived = _figures(report(facts, period), facts, period)
    findings += _compare(pack["figures"], derived, figures_may_be_added=older_rules)
    return Verification(not findings, tuple(findings), packed_rules)


def _check_log(source: EventSource, info: dict[str, Any]) -> list[str]:
    verdict = source.verify()
    last = int(info["last_position"])
    if not verdict.ok and verdict.first_bad_position is not None:
        where = "within" if verdict.first_bad_position <= last else "after"
        return [
            f"log {source.name} was tampered with {where} the pack's range: first bad event "
            f"at position {verdict.first_bad_position} ({verdict.problem})"
        ]
    head = source.slice(upto=last) if last else None
    if head is not None and head.head_hash != info["head_hash"]:
        return [f"log {source.name}: hash at position {last} differs from the pack's head"]
    return []


def _compare(
    packed: list[dict[str, Any]], derived: list[dict[str, Any]], *, figures_may_be_added: bool
) -> list[str]:
    """The first figure that differs. A pack made with the code's own rules must hold every
    figure they derive (a missing one means the pack was trimmed); a pack made with earlier
    rules holds the figures of its day, and every one of those must still come out the same:
    later rules add figures, never change what was counted."""
    theirs = {f["key"]: f for f in derived}
    for figure in packed:
        again = theirs.get(figure["key"])
        if again is None:
            return [f"first differing figure: {figure['key']} is no longer derived"]
        for field in ("cumulative", "in_period"):
            if again[field] != figure[field]:
                return [
                    f"first differing figure: {figure['key']} {field} is {again[field]} "
                    f"in the logs, {figure[field]} in the pack"
                ]
    if figures_may_be_added:
        return []
    extra = [f["key"] for f in derived if f["key"] not in {g["key"] for g in packed}]
    return [f"first differing figure: {extra[0]} is not in the pack"] if extra else []

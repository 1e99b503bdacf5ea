"""Labels of employer forms by link, marked for gettext (entrypoint layer): the forms, a
goal's attainment, the competence areas and their scale, what follows in-work coaching in
the employer's words, and what state a link is in."""

from __future__ import annotations

from typing import Final

from services.coaching.entrypoints.labels import Choices
from shared.web.i18n import N_

FORMS: Final[Choices] = (
    ("goals", N_("Joint goals and their review")),
    ("demonstration", N_("Work demonstration assessment")),
    ("follow_on", N_("Follow-on plan")),
)
ATTAINMENTS: Final[Choices] = (
    ("achieved", N_("Achieved")),
    ("partly", N_("Partly achieved")),
    ("not_achieved", N_("Not achieved")),
)
COMPETENCES: Final[Choices] = (
    ("work_tasks", N_("Mastery of the work tasks")),
    ("tools_and_safety", N_("Tools, materials and work safety")),
    ("cooperation", N_("Cooperation and interaction")),
    ("independence", N_("Working independently")),
    ("reliability", N_("Reliability and punctuality")),
)
SCORES: Final[Choices] = (
    ("1", N_("1 – weak")),
    ("2", N_("2 – fair")),
    ("3", N_("3 – good")),
    ("4", N_("4 – very good")),
    ("5", N_("5 – excellent")),
    ("", N_("Not shown")),
)
RESULTS: Final[Choices] = (
    ("passed", N_("Passed")),
    ("partly", N_("Partly passed")),
    ("failed", N_("Not yet passed")),
)
FOLLOW_ONS: Final[Choices] = (
    ("continues_in_work", N_("Continues in the same work")),
    ("new_contract", N_("A new employment contract")),
    ("training", N_("Training or studies")),
    ("other", N_("Something else")),
)
LINK_STATES: Final[Choices] = (
    ("open", N_("Not opened yet")),
    ("opened", N_("Opened, not sent yet")),
    ("expired", N_("Expired")),
    ("revoked", N_("Revoked")),
    ("done", N_("Answered")),
    ("pending", N_("Answered: awaiting your confirmation")),
    ("confirmed", N_("Confirmed")),
    ("rejected", N_("Rejected")),
)
TITLES: Final[dict[str, str]] = {
    "goals": N_("Joint goals of in-work coaching"),
    "demonstration": N_("Work demonstration assessment"),
    "follow_on": N_("Follow-on plan after in-work coaching"),
}
REFUSALS: Final[dict[str, tuple[str, str]]] = {
    "unknown": (
        N_("This link does not work"),
        N_(
            "Check that you copied the whole address. If it still does not work, ask the "
            "coach who sent it for a new link."
        ),
    ),
    "expired": (
        N_("This link has expired"),
        N_("The link was valid for a limited time only. Ask the coach for a new link."),
    ),
    "used": (
        N_("This form has already been sent"),
        N_("The link could be used once. If something needs to be changed, tell the coach."),
    ),
    "revoked": (
        N_("This link is no longer in use"),
        N_("The coach has cancelled the link. Ask the coach if you need a new one."),
    ),
    "ended": (
        N_("This in-work coaching has ended"),
        N_("Nothing more can be sent about it. Thank you for taking part."),
    ),
    "busy": (N_("Too many requests"), N_("Wait a minute and try again.")),
    "sent": (
        N_("Thank you"),
        N_(
            "Your answers were sent to the coach, who goes through them before they are "
            "recorded. The link no longer works."
        ),
    ),
}
"""The pages of a link besides its form: a refusal (by reason), too many requests, sent."""

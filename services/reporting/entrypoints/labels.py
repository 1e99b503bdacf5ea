"""What the report pages call each figure, in English msgids translated in ``locale/``."""

from __future__ import annotations

from typing import Final

from shared.web.i18n import N_

SECTIONS: Final = (
    ("participants.", N_("Participants at entry (ESF output indicators)")),
    ("leavers.", N_("Leavers and results upon leaving")),
    ("results.", N_("Leavers and results upon leaving")),
    ("destinations.", N_("Exit destinations (one per leaver)")),
    ("followups.", N_("Results six months after leaving")),
    ("outcomes.", N_("Outcomes during participation (placements)")),
    ("companies.", N_("Companies")),
    ("coaching.", N_("Coaching volume")),
    ("services.", N_("Services")),
    ("quality.", N_("Data completeness")),
)
"""Table headings by key prefix, in report order; results share the leavers' table."""

LABELS: Final = {
    "participants.total": N_("Participants, total"),
    "participants.gender.female": N_("Women"),
    "participants.gender.male": N_("Men"),
    "participants.gender.non_binary": N_("Non-binary or other"),
    "participants.gender.prefer_not_to_say": N_("Gender not told"),
    "participants.age.under_25": N_("Under 25 years"),
    "participants.age.25_to_54": N_("25–54 years"),
    "participants.age.55_and_over": N_("Over 54 years"),
    "participants.status.employed": N_("Employed, including self-employed"),
    "participants.status.unemployed": N_("Unemployed, including long-term unemployed"),
    "participants.status.long_term_unemployed": N_("Long-term unemployed"),
    "participants.status.inactive": N_("Inactive"),
    "participants.status.inactive_not_in_education": N_("Inactive, not in education"),
    "participants.over_54": N_("Over 54 years at entry"),
    "participants.over_54_unemployed_or_inactive": N_("Over 54, unemployed or inactive"),
    "participants.education.isced_0_2": N_("Basic education (ISCED 0–2)"),
    "participants.education.isced_3_4": N_("Upper secondary (ISCED 3–4)"),
    "participants.education.isced_5_8": N_("Tertiary education (ISCED 5–8)"),
    "participants.re_entered": N_("Re-entered the project"),
    "leavers.total": N_("Leavers"),
    "results.job_searching": N_("Job searching upon leaving"),
    "results.education_or_training": N_("In education or training upon leaving"),
    "results.employed_incl_self_employed": N_("In employment, including self-employment"),
    "destinations.employed.open_market_full_time": N_("Employed: open market, full-time"),
    "destinations.employed.open_market_part_time": N_("Employed: open market, part-time"),
    "destinations.employed.fixed_term": N_("Employed: fixed-term"),
    "destinations.employed.wage_subsidised": N_("Employed: wage subsidy"),
    "destinations.employed.apprenticeship": N_("Employed: apprenticeship"),
    "destinations.employed.unspecified": N_("Employed: type not recorded"),
    "destinations.entrepreneurship": N_("Entrepreneurship"),
    "destinations.education_or_training": N_("Education or training"),
    "destinations.referred_to_other_services": N_(
        "Referred to other services: service not recorded"
    ),
    "destinations.work_trial": N_("Work trial (not ESF employment)"),
    "destinations.intermediate_labour_market.rehabilitative_work": N_(
        "Rehabilitative work (not ESF employment)"
    ),
    "destinations.intermediate_labour_market.social_enterprise": N_(
        "Social enterprise (not ESF employment)"
    ),
    "destinations.intermediate_labour_market": N_("Intermediate labour market: kind not recorded"),
    "destinations.referred_to_other_services.pension": N_("Referred to pension services"),
    "destinations.referred_to_other_services.mental_health": N_(
        "Referred to mental-health services"
    ),
    "destinations.referred_to_other_services.substance_abuse": N_(
        "Referred to substance-abuse services"
    ),
    "destinations.referred_to_other_services.debt_counselling": N_("Referred to debt counselling"),
    "destinations.referred_to_other_services.social_services": N_("Referred to social services"),
    "destinations.referred_to_other_services.health_care": N_("Referred to health care"),
    "destinations.referred_to_other_services.other": N_("Referred to another service"),
    "results.education_still_studying": N_("Left for education and still studying"),
    "followups.due": N_("Six-month follow-ups due"),
    "followups.reached": N_("Follow-ups with the situation found out"),
    "followups.source.client": N_("Found out from the client"),
    "followups.source.register": N_("Found out from a register"),
    "followups.source.employer": N_("Found out from the employer"),
    "followups.source.coach_estimate": N_("The coach's estimate"),
    "followups.not_reached": N_("Follow-ups without the situation found out"),
    "followups.missing": N_("Six-month follow-ups not yet recorded"),
    "followups.employed_incl_self_employed": N_(
        "In employment, including self-employment, six months after leaving"
    ),
    "followups.employed_over_54": N_("Over 54 at entry, in employment six months after leaving"),
    "followups.improved_situation": N_(
        "Employed at entry, with an improved situation six months after leaving"
    ),
    "destinations.job_searching": N_("Job searching"),
    "destinations.unemployed": N_("Still unemployed"),
    "destinations.inactive": N_("Inactive"),
    "destinations.unknown": N_("Not known"),
    "outcomes.placements": N_("Placements, all"),
    "outcomes.placements.full_time": N_("Full-time jobs"),
    "outcomes.placements.part_time": N_("Part-time jobs"),
    "outcomes.placements.fixed_term": N_("Fixed-term jobs"),
    "outcomes.placements.wage_subsidised": N_("Wage-subsidised jobs"),
    "outcomes.placements.apprenticeship": N_("Apprenticeships"),
    "outcomes.placements.work_trial": N_("Work trials"),
    "outcomes.placements.intermediate_labour_market": N_("Intermediate labour market"),
    "outcomes.placements.self_employment": N_("Self-employment"),
    "outcomes.participants_employed": N_("Participants placed in employment"),
    "companies.cooperating": N_("Cooperating companies"),
    "companies.supported": N_("Directly supported companies"),
    "companies.supported_sme": N_("Directly supported SMEs"),
    "companies.hired_participants": N_("Companies that hired participants"),
    "coaching.sessions": N_("Coaching sessions"),
    "coaching.session_hours": N_("Coaching hours"),
    "coaching.clients_coached": N_("Clients coached"),
    "coaching.attendance.present": N_("Group meetings attended"),
    "coaching.attendance.absent": N_("Group meetings missed"),
    "coaching.attendance.excused": N_("Group meetings missed with notice"),
    "coaching.group_hours_attended": N_("Group hours attended"),
    "coaching.attendance_rate": N_("Group attendance rate (%)"),
    "quality.complete_records": N_("Complete entry records"),
    "quality.incomplete_records": N_("Incomplete entry records"),
    "quality.completeness_percent": N_("Completeness (%)"),
    "quality.sensitive_declined": N_("Declined a sensitive question"),
    "quality.missing_end_status": N_("Leavers without an end status after 4 weeks"),
    "quality.results_window_open": N_("Leavers still within 4 weeks of leaving"),
    "quality.corrected_records": N_("Entry records corrected"),
    **{
        "outcomes.employed_in.private": N_("Employed in companies"),
        "outcomes.employed_in.public": N_("Employed by other public employers"),
        "outcomes.employed_in.own_organisation": N_("Employed in the own organisation's units"),
        "companies.cooperating_excluding_own_organisation": N_(
            "Cooperating companies, not counting the own organisation"
        ),
        "companies.own_organisation_units": N_("Own organisation's units cooperated with"),
        "services.sessions.personal_coaching": N_("Personal coaching, clients"),
        "services.sessions.guidance_point_visit": N_("Guidance point visits, clients"),
        "services.sessions.job_search_help": N_("Job search help, clients"),
        "services.sessions.follow_up": N_("Follow-up sessions, clients"),
        "services.pre_coaching.started": N_("Pre-coaching started, clients"),
        "services.pre_coaching.completed": N_("Pre-coaching completed, clients"),
        "services.programmes": N_("Group programmes, clients"),
        "services.programmes.participations": N_("Group programmes, participations"),
        "services.programmes.job_seekers_group": N_("Job seekers' groups, clients"),
        "services.programmes.job_seekers_group.participations": N_(
            "Job seekers' groups, participations"
        ),
        "services.programmes.entrepreneurs_group": N_("Entrepreneurs' groups, clients"),
        "services.programmes.entrepreneurs_group.participations": N_(
            "Entrepreneurs' groups, participations"
        ),
        "services.programmes.job_search_day": N_("Job search days, clients"),
        "services.programmes.job_search_day.participations": N_("Job search days, participations"),
        "services.programmes.workshop": N_("Workshop activity, clients"),
        "services.programmes.workshop.participations": N_("Workshop activity, participations"),
        "services.programmes.other": N_("Other group programmes, clients"),
        "services.programmes.other.participations": N_("Other group programmes, participations"),
        "services.course.started": N_("Online course started, clients"),
        "services.course.completed": N_("Online course completed, clients"),
        "services.in_work.started": N_("In-work coaching started, clients"),
        "services.in_work.completed": N_("In-work coaching completed, clients"),
        "services.in_work.follow_on.continued_employment": N_(
            "Follow-on plan: continued employment"
        ),
        "services.in_work.follow_on.education": N_("Follow-on plan: education"),
        "services.in_work.follow_on.other": N_("Follow-on plan: other"),
        "services.demonstrations": N_("Work demonstrations"),
        "services.demonstrations.passed": N_("Work demonstrations passed"),
        "services.demonstrations.partly": N_("Work demonstrations partly passed"),
        "services.demonstrations.failed": N_("Work demonstrations not passed"),
    },
}


NAMED_PROGRAMME: Final = "services.programmes.named."
"""Clients by a programme kind the project named itself: the name is the label, as is."""


def label_of(key: str) -> str:
    """What a figure is called: its msgid, or the project's own name of a programme kind
    (which no catalogue translates, and ``gettext`` returns as it is)."""
    if key.startswith(NAMED_PROGRAMME):
        return key[len(NAMED_PROGRAMME) :]
    return LABELS.get(key, key)


def section_of(key: str) -> str:
    for prefix, heading in SECTIONS:
        if key.startswith(prefix):
            return heading
    return key

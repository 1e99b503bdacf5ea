"""What the report pages call each figure, in English msgids translated in ``locale/``."""

from __future__ import annotations

from typing import Final

from shared.web.i18n import N_

SECTIONS: Final = (
    ("participants.", N_("Participants at entry (ESF output indicators)")),
    ("leavers.", N_("Leavers and results upon leaving")),
    ("results.", N_("Leavers and results upon leaving")),
    ("destinations.", N_("Exit destinations (one per leaver)")),
    ("outcomes.", N_("Outcomes during participation (placements)")),
    ("companies.", N_("Companies")),
    ("coaching.", N_("Coaching volume")),
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
    "destinations.referred_to_other_services": N_("Referred to other services"),
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
}


def section_of(key: str) -> str:
    for prefix, heading in SECTIONS:
        if key.startswith(prefix):
            return heading
    return key

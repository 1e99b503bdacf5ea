"""Labels of the matching pages: every code a page shows, with its English text to translate.

Messages are marked ``N_`` and translated where shown (``locale/fi.po``, ``locale/sv.po``).
"""

from __future__ import annotations

from shared.web.i18n import N_

Options = tuple[tuple[str, str], ...]

SIZE_CLASSES: Options = (
    ("micro", N_("Micro (under 10 employees)")),
    ("small", N_("Small (10–49 employees)")),
    ("medium", N_("Medium-sized (50–249 employees)")),
    ("large", N_("Large (250 or more employees)")),
)
CONTACT_KINDS: Options = (
    ("visit", N_("Visit")),
    ("call", N_("Phone call")),
    ("event", N_("Event")),
    ("email", N_("E-mail")),
)
RELATIONS: Options = (
    ("cooperating", N_("Cooperating company")),
    ("supported", N_("Directly supported company")),
)
SECTORS: Options = (
    ("private", N_("Company")),
    ("public", N_("Other public employer")),
    ("own_organisation", N_("Unit of the project's own organisation")),
)
NEEDS: Options = (
    ("recruitment", N_("Recruitment")),
    ("seasonal_staff", N_("Seasonal staff")),
    ("work_trial", N_("Work-trial places")),
    ("apprenticeship", N_("Apprenticeship")),
    ("wage_subsidy_advice", N_("Advice on wage subsidy")),
    ("training", N_("Training")),
    ("other", N_("Other")),
)
LEAD_KINDS: Options = (
    ("hidden_job", N_("Hidden job")),
    ("gig_job", N_("Gig job")),
    ("open_vacancy", N_("Open vacancy")),
    ("work_trial", N_("Work-trial place")),
    ("apprenticeship", N_("Apprenticeship")),
)
WORKING_TIMES: Options = (
    ("full_time", N_("Full-time")),
    ("part_time", N_("Part-time")),
    ("gig", N_("Gig work")),
)
PREFERENCES: Options = (*WORKING_TIMES, ("any", N_("Any")))
LEAD_STATUSES: Options = (
    ("found", N_("Found")),
    ("open", N_("Open")),
    ("filled", N_("Filled")),
    ("closed", N_("Closed")),
    ("expired", N_("Expired")),
)
ANSWERS: Options = (
    ("accepted", N_("Accepted")),
    ("declined", N_("Declined")),
    ("no_answer", N_("No answer")),
)
REASONS: Options = (
    ("hired", N_("Hired")),
    ("interview_agreed", N_("Interview agreed")),
    ("work_trial_agreed", N_("Work trial agreed")),
    ("skills_did_not_match", N_("Skills did not match")),
    ("language_skills", N_("Language skills")),
    ("position_filled", N_("Position already filled")),
    ("timing", N_("Timing")),
    ("client_withdrew", N_("Client withdrew")),
    ("no_response", N_("No response")),
    ("other", N_("Other")),
)
PLACEMENT_TYPES: Options = (
    ("full_time", N_("Full-time employment")),
    ("part_time", N_("Part-time employment")),
    ("fixed_term", N_("Fixed-term employment")),
    ("wage_subsidised", N_("Wage-subsidised employment")),
    ("apprenticeship", N_("Apprenticeship")),
    ("work_trial", N_("Work trial")),
    ("intermediate_labour_market", N_("Intermediate labour market")),
    ("self_employment", N_("Self-employment")),
)
PARTS: Options = (
    ("occupation", N_("Occupation")),
    ("skills", N_("Skills")),
    ("commute", N_("Commute")),
    ("working_time", N_("Working time")),
    ("languages", N_("Languages")),
)
PART_REASONS: Options = (
    ("exact", N_("a target occupation")),
    ("minor_group", N_("a closely related occupation")),
    ("sub_major_group", N_("a related occupation")),
    ("none", N_("no match")),
    ("commutable", N_("within commuting reach")),
    ("not_commutable", N_("outside commuting reach")),
    ("as_preferred", N_("as preferred")),
    ("close", N_("close to the preference")),
    ("other", N_("not preferred")),
    ("none_required", N_("none required")),
    ("all", N_("all of them")),
    ("some", N_("some of them")),
)

FORM_ERRORS = {
    "required": N_("Fill in this field."),
    "invalid_date": N_("Enter a date, for example 1.12.2026."),
    "invalid_choice": N_("Choose one of the options."),
    "invalid_number": N_("Enter a whole number."),
    "conflict": N_("Someone changed this meanwhile. Check the details and try again."),
}
ERRORS = {
    **FORM_ERRORS,
    "invalid_business_id": N_("The Business ID is not valid: check its digits and check digit."),
    "business_id_taken": N_("A company with this Business ID is already registered."),
    "trade_name_required": N_("Fill in this field."),
    "invalid_industry": N_(
        "Enter a TOL 2008 industry code: a section letter or two to five digits, for example "
        "56101 for restaurants."
    ),
    "municipality_required": N_("Fill in this field."),
    "contact_name_required": N_("Fill in this field."),
    "contact_not_found": N_("Choose one of the options."),
    "invalid_occupation_code": N_("Choose an occupation from the list."),
    "invalid_headcount": N_("Enter a whole number."),
    "start_before_found": N_("The start cannot be before the lead was found."),
    "invalid_language_code": N_("Choose the languages from the list."),
    "tag_too_long": N_("Each entry can have at most 80 characters."),
    "too_many_target_occupations": N_("Choose at most ten occupations."),
    "invalid_status_change": N_("A filled, closed or expired lead cannot change any more."),
    "status_change_before_found": N_("The date cannot be before the lead was found."),
    "company_already_supported": N_("A directly supported company stays directly supported."),
    "client_not_active": N_("The client's participation has ended."),
    "client_not_consenting": N_("The client has not agreed to be proposed to employers."),
    "client_already_referred": N_("The client has already been proposed for this lead."),
    "lead_not_available": N_("The lead is no longer open."),
    "lead_of_another_company": N_("The lead belongs to another company."),
    "reason_does_not_fit_answer": N_(
        "This reason does not go with this answer: choose one of the reasons listed under the "
        "company's answer."
    ),
    "note_too_long": N_("Write at most 4,000 characters."),
    "made_by_unknown": N_("Choose one of the options."),
    "answer_before_referral": N_("The answer cannot be before the referral."),
    "referral_already_answered": N_("The answer has already been recorded."),
    "end_before_start": N_("The end cannot be before the start."),
    "date_before_project": N_("The date is long before the project began: check the year."),
    "date_too_far_ahead": N_("The date is too far in the future: check the year."),
    "end_date_required": N_("A fixed-term placement or a work trial needs its end date."),
    "company_not_found": N_("Choose one of the options."),
    "lead_not_found": N_("Choose one of the options."),
    "client_not_found": N_("Choose one of the options."),
    "referral_not_found": N_("Choose one of the options."),
}

SAVED = {
    "company": N_("The company was registered."),
    "contact_person": N_("The contact person was added."),
    "contact": N_("The contact was recorded."),
    "relation": N_("The relation was recorded."),
    "sector": N_("The employer sector was recorded."),
    "need": N_("The need was recorded."),
    "lead": N_("The job lead was recorded."),
    "status": N_("The status was changed."),
    "profile": N_("The job profile was saved."),
    "referral": N_("The client was proposed for the job."),
    "answer": N_("The company's answer was recorded."),
    "placement": N_("The placement was recorded."),
}

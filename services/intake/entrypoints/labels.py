"""Labels of codes the pages show: choices, error codes and event types, marked for gettext.

The English text is the msgid; ``locale/fi.po`` and ``locale/sv.po`` translate it.
"""

from __future__ import annotations

from typing import Final

from shared.web.i18n import N_

GENDERS: Final = (
    ("female", N_("Woman")),
    ("male", N_("Man")),
    ("non_binary", N_("Non-binary or other")),
    ("prefer_not_to_say", N_("Prefers not to say")),
)
EDUCATION: Final = (
    ("isced_0_2", N_("Basic education at most (ISCED 0–2)")),
    ("isced_3_4", N_("Upper secondary or post-secondary (ISCED 3–4)")),
    ("isced_5_8", N_("Tertiary (ISCED 5–8)")),
)
LABOUR_MARKET_STATUSES: Final = (
    ("unemployed", N_("Unemployed")),
    ("employed", N_("Employed")),
    ("self_employed", N_("Self-employed")),
    ("inactive", N_("Outside the labour force")),
    ("in_education", N_("In education or training")),
)
ENTRY_ROUTES: Final = (
    ("guidance_point", N_("Guidance point")),
    ("employment_office_referral", N_("Referred by the employment office")),
    ("municipality", N_("Municipality")),
    ("self_referral", N_("Came on their own")),
)
SENSITIVE_QUESTIONS: Final = (
    ("disability", N_("Disability")),
    ("foreign_background", N_("Foreign background")),
    ("third_country_national", N_("Third-country national")),
    ("minority", N_("Belongs to a minority")),
    ("homeless_or_housing_exclusion", N_("Homeless or excluded from housing")),
    ("other_disadvantaged", N_("Other disadvantage")),
)
SENSITIVE_ANSWERS: Final = (
    ("yes", N_("Yes")),
    ("no", N_("No")),
    ("declined", N_("Declined to answer")),
    ("not_asked", N_("Not asked")),
)
EXIT_STATUSES: Final = (
    ("employed", N_("Employed")),
    ("education_or_training", N_("Education or training")),
    ("entrepreneurship", N_("Entrepreneurship")),
    ("job_searching", N_("Job searching")),
    ("referred_to_other_services", N_("Referred to other services")),
    ("unemployed", N_("Unemployed")),
    ("inactive", N_("Outside the labour force")),
    ("work_trial", N_("Work trial (not employment in ESF terms)")),
    ("intermediate_labour_market", N_("Intermediate labour market (not employment in ESF terms)")),
    ("unknown", N_("Unknown")),
)
KNOWN_STATUSES: Final = EXIT_STATUSES[:-1]
"""The statuses a status found out later can be: ``unknown`` (kept last) is not one."""
REFERRAL_KINDS: Final = (
    ("pension", N_("Pension")),
    ("mental_health", N_("Mental-health services")),
    ("substance_abuse", N_("Substance-abuse services")),
    ("debt_counselling", N_("Debt counselling")),
    ("social_services", N_("Social services")),
    ("health_care", N_("Health care")),
    ("other", N_("Other service")),
)
INTERMEDIATE_KINDS: Final = (
    ("rehabilitative_work", N_("Rehabilitative work")),
    ("social_enterprise", N_("Social enterprise")),
)
FOLLOW_UP_SOURCES: Final = (
    ("client", N_("The client")),
    ("register", N_("A register")),
    ("employer", N_("The employer")),
    ("coach_estimate", N_("The coach's estimate")),
)
IMPROVEMENTS: Final = (
    ("none", N_("No improvement")),
    ("precarious_to_stable", N_("From precarious to stable employment")),
    ("underemployed_to_full", N_("From underemployment to full employment")),
    ("higher_competences", N_("A job that needs higher competences")),
    ("promoted", N_("Promoted")),
)
REACHED: Final = (("yes", N_("Yes")), ("no", N_("No, the situation is not known")))
EMPLOYMENT_TYPES: Final = (
    ("open_market_full_time", N_("Open labour market, full-time")),
    ("open_market_part_time", N_("Open labour market, part-time")),
    ("fixed_term", N_("Fixed-term")),
    ("wage_subsidised", N_("Wage-subsidised")),
    ("apprenticeship", N_("Apprenticeship")),
)
LANGUAGES: Final = (("fi", N_("Finnish")), ("sv", N_("Swedish")), ("en", N_("English")))
STATUSES: Final = (("active", N_("Active")), ("exited", N_("Exited")))
ROLES: Final = (
    ("admin", N_("Administrator")),
    ("project_manager", N_("Project manager")),
    ("coach", N_("Coach")),
    ("auditor", N_("Auditor")),
)

ERRORS: Final = {
    "required": N_("Fill in this field."),
    "document_file_required": N_("Choose the file to add."),
    "document_too_large": N_("The file is larger than 10 MB: nothing was saved."),
    "document_type_refused": N_(
        "This kind of file is not taken: add a PDF, a PNG or JPEG image, or a docx, xlsx or "
        "odt document, whose name ends as its content is. Nothing was saved."
    ),
    "invalid_document_kind": N_("Choose what kind of document this is."),
    "invalid_phone": N_(
        "Check the phone number: a Finnish one starts with 0 (040 123 4567), another with "
        "the country code (+46 70 123 4567)."
    ),
    "invalid_email": N_("Check the e-mail address: it should look like name@example.fi."),
    "address_too_long": N_("Give the address in at most 300 characters."),
    "invalid_language": N_("Choose Finnish, Swedish or English."),
    "erase_confirm_required": N_("Tick the box to confirm the erasure: it cannot be undone."),
    "invalid_erasure_basis": N_("Choose why the data is erased."),
    "invalid_retention_years": N_("Give the years to keep the data as a number from 0 to 100."),
    "invalid_restriction_basis": N_("Choose the legal basis of the restriction."),
    "already_restricted": N_("The record is already restricted."),
    "not_restricted": N_("The record is not restricted."),
    "record_restricted": N_(
        "The record is restricted: only the data-protection officer may see or change it."
    ),
    "invalid_consent_purpose": N_("Choose what the consent is for."),
    "invalid_consent_channel": N_("Choose how the consent was given or withdrawn."),
    "consent_version_required": N_("Give the version of the text the person was shown."),
    "consent_date_in_future": N_("The day cannot be in the future."),
    "invalid_date": N_("Give the date as day, month and year, e.g. 2.11.2026."),
    "invalid_choice": N_("Choose one of the options."),
    "choose_one": N_("Choose one of the options."),
    "invalid_number": N_("Give a whole number."),
    "invalid_identity_code": N_("Check the identity code: it does not look like one."),
    "invalid_identity_code_format": N_("Check the identity code: it does not look like one."),
    "invalid_identity_code_date": N_("The identity code does not contain a valid birth date."),
    "invalid_identity_code_check": N_(
        "The check character of the identity code does not match: check the code."
    ),
    "identity_code_or_birth_date_required": N_(
        "Give the identity code, or the birth date if the person has none."
    ),
    "date_before_birth": N_("The entry date is before the birth date."),
    "name_required": N_("Give the first and last name."),
    "consent_required": N_("The client's consent is needed before enrolling."),
    "coach_required": N_("Choose a coach."),
    "coach_not_in_project": N_("Choose one of the project's coaches."),
    "identity_code_again": N_(
        "For privacy the identity code is not shown again: type it once more."
    ),
    "date_before_project": N_("The date is long before the project began: check the year."),
    "date_too_far_ahead": N_("The date is too far in the future: check the year."),
    "personal_data_in_text": N_(
        "Leave out identity codes and e-mail addresses: this field goes into the permanent record."
    ),
    "invalid_age_at_entry": N_("Check the birth date: the age at entry is not possible."),
    "municipality_required": N_("Give the municipality of residence."),
    "unemployed_since_required": N_("Give the date the unemployment began."),
    "unemployed_since_only_when_unemployed": N_(
        "Give the date unemployment began only for an unemployed person."
    ),
    "unemployed_since_after_entry": N_("Unemployment cannot begin after the entry date."),
    "re_entry_before_exit": N_("The re-entry date is before the earlier exit."),
    "client_still_active": N_("This person is already an active client of the project."),
    "exit_before_entry": N_("The exit date is before the entry date."),
    "employment_type_required": N_("Choose the type of employment."),
    "employment_type_only_when_employed": N_("The type of employment is only for the employed."),
    "outside_target_group": N_(
        "The person is outside the project's target group. A project manager may enrol "
        "them by giving a reason."
    ),
    "override_reason_required": N_("Give the reason for the exception."),
    "override_not_allowed": N_("Only a project manager may enrol outside the target group."),
    "manager_must_enrol": N_(
        "The person is outside the project's target group: only a project manager can "
        "enrol them. Ask your project manager."
    ),
    "reveal_reason_required": N_("Say why you need the full identity code."),
    "reveal_reason_too_long": N_("Say it in at most 500 characters."),
    "no_identity_code": N_("This client has no identity code: the birth date is shown."),
    "correction_reason_required": N_("Give the reason for the correction."),
    "invalid_reason_code": N_("Choose a reason from the list."),
    "reason_too_long": N_("Say it in at most 1,000 characters."),
    "start_data_unchanged": N_("Nothing was changed."),
    "client_exited": N_("The client has exited: assign a coach only to an active client."),
    "client_already_exited": N_("The client has already exited."),
    "referral_kind_required": N_("Choose the service the client was referred to."),
    "referral_kind_only_when_referred": N_(
        "Choose a service only for a client referred to other services."
    ),
    "intermediate_kind_required": N_("Choose rehabilitative work or social enterprise."),
    "intermediate_kind_only_for_intermediate": N_(
        "Choose this only for the intermediate labour market."
    ),
    "client_not_exited": N_("The client has not left the project: record the exit first."),
    "status_still_unknown": N_("Choose the situation that was found out."),
    "status_unchanged": N_("This is the situation already recorded."),
    "check_before_exit": N_("The check cannot be before the exit date."),
    "follow_up_status_required": N_("Choose the situation the client is in."),
    "status_only_when_reached": N_(
        "When the situation could not be found out, choose “Unknown” as the situation."
    ),
    "improvement_only_when_employed_at_entry": N_(
        "An improvement is recorded only for a client who was employed at entry."
    ),
    "improvement_only_when_employed": N_(
        "An improvement is recorded only for a client who is employed now."
    ),
    "invalid_sensitive_answer": N_("Choose one of the options."),
    "login_failed": N_("The username or password is wrong, or the account is not in use."),
    "login_throttled": N_("Too many failed attempts. Try again in 15 minutes."),
    "csrf_failed": N_("The form had expired. Please try again."),
    "conflict": N_("Someone changed this client at the same time. Check and try again."),
    "project_name_required": N_("Give the project's name."),
    "project_municipality_required": N_("Give at least one municipality."),
    "project_ends_before_start": N_("The project cannot end before it starts."),
    "negative_target": N_("Targets cannot be negative."),
    "age_bounds_reversed": N_("The lowest age is above the highest."),
    "negative_funding_share": N_("Funding shares cannot be negative."),
    "funding_shares_must_total_100": N_("The funding shares must total 100 %."),
    "negative_budget": N_("The budget cannot be negative."),
    "booking_period_reversed": N_("The period cannot end before it starts."),
    "invalid_amount": N_("Give the amount in euros and cents, e.g. 1 234,50."),
    "booking_exists": N_("A booking with this reference exists already: correct that one."),
    "booking_unchanged": N_("Nothing was changed."),
    "invalid_cost_category": N_("Choose a category."),
    "booking_id_required": N_("Give the booking's reference in at most 64 characters."),
    "project_exists": N_("A project with this code exists already."),
    "invalid_project_code": N_("Use letters, digits, dots, dashes or underscores in the code."),
    "wrong_password": N_("The current password is wrong."),
    "password_blank": N_("Give a password: spaces alone are not one."),
    "password_too_short": N_("The password must be at least 12 characters long."),
    "password_too_common": N_(
        "This password is too easy to guess. Avoid common words, dates and your username: "
        "a few words that do not belong together make a good password."
    ),
    "passwords_differ": N_("The passwords do not match: type the same new password twice."),
    "user_not_found": N_("There is no such user."),
    "message_subject_required": N_("Write the subject of the e-mail."),
    "message_subject_too_long": N_("The subject may be 200 characters at most."),
    "message_body_required": N_("Write the text of the message."),
    "message_body_too_long": N_(
        "The text is too long: a text message may be 480 characters, an e-mail 4,000."
    ),
    "message_template_malformed": N_(
        "A brace is left open or unmatched: write blanks as {date}, with nothing else in braces."
    ),
    "message_placeholder_unknown": N_(
        "The text has a blank this message cannot fill in: use only the blanks listed."
    ),
    "invalid_reminder_hours": N_(
        "Give whole hours from 1 to 336 (two weeks), separated by commas."
    ),
    "too_many_reminders": N_("Four reminders at most."),
}

START_DATA_FIELDS: Final = (
    ("age_at_entry", N_("Age at entry")),
    ("gender", N_("Gender")),
    ("education", N_("Highest education")),
    ("labour_market_status", N_("Labour-market status at entry")),
    ("unemployed_since", N_("Unemployed since")),
    ("municipality", N_("Municipality of residence")),
)
"""The start data a correction may change, in the order the client page lists them."""

# What other services' events about a client carry: their public wire values (the event
# contract), named here for the client's timeline.
SESSION_MODES: Final = (
    ("in_person", N_("In person")),
    ("online", N_("Online")),
    ("phone", N_("By phone")),
)
SESSION_KINDS: Final = (
    ("personal_coaching", N_("Personal coaching")),
    ("guidance_point_visit", N_("Guidance point visit")),
    ("job_search_help", N_("Job-search help")),
    ("pre_coaching", N_("Pre-coaching")),
    ("follow_up", N_("Follow-up")),
)
SESSION_TOPICS: Final = (
    ("cv", N_("CV")),
    ("job_applications", N_("Job applications")),
    ("interview", N_("Job interview")),
    ("career_planning", N_("Career planning")),
    ("education", N_("Education")),
    ("entrepreneurship", N_("Entrepreneurship")),
    ("digital_skills", N_("Digital skills")),
    ("hidden_jobs", N_("Hidden jobs")),
    ("work_trial", N_("Work trial")),
    ("wellbeing", N_("Wellbeing")),
    ("benefits", N_("Benefits")),
    ("other", N_("Other")),
)
CANCEL_REASONS: Final = (
    ("cancelled_by_client", N_("Cancelled by the client")),
    ("cancelled_by_coach", N_("Cancelled by the coach")),
    ("no_show", N_("Did not come (no-show)")),
)
ATTENDANCE: Final = (
    ("present", N_("Present")),
    ("absent", N_("Absent without notice")),
    ("excused", N_("Absent with notice")),
)
GOAL_AREAS: Final = (
    ("employment", N_("Employment")),
    ("job_search", N_("Job search")),
    ("education", N_("Education")),
    ("skills", N_("Skills")),
    ("entrepreneurship", N_("Entrepreneurship")),
    ("wellbeing", N_("Wellbeing")),
    ("work_community", N_("Work community")),
    ("other", N_("Other")),
)
GOAL_OUTCOMES: Final = (
    ("in_progress", N_("In progress")),
    ("achieved", N_("Achieved")),
    ("changed", N_("Changed")),
    ("dropped", N_("Dropped")),
)
LEVELS: Final = (("low", N_("Low")), ("medium", N_("Medium")), ("high", N_("High")))
PROGRESS: Final = (
    ("on_track", N_("On track")),
    ("needs_support", N_("Needs support")),
    ("off_track", N_("Off track")),
)
DEMONSTRATION_RESULTS: Final = (
    ("passed", N_("Passed")),
    ("partly", N_("Partly passed")),
    ("failed", N_("Not passed")),
)
FOLLOW_ONS: Final = (
    ("continued_employment", N_("Continues in the job")),
    ("education", N_("Moves on to education or training")),
    ("other", N_("Other")),
)
REFERRAL_ANSWERS: Final = (
    ("accepted", N_("Accepted")),
    ("declined", N_("Declined")),
    ("no_answer", N_("No answer")),
)
REASON_CODES: Final = (
    ("typing_error", N_("A typing error")),
    ("new_information", N_("New information from the client")),
    ("document_checked", N_("Checked against a document")),
    ("funder_decision", N_("The funder's decision")),
    ("other", N_("Other reason (say which)")),
)
"""Why a record was changed: the codes an event carries (``domain.reasons``)."""
ANSWER_REASONS: Final = (
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
PLACEMENT_TYPES: Final = (
    ("full_time", N_("Full-time employment")),
    ("part_time", N_("Part-time employment")),
    ("fixed_term", N_("Fixed-term employment")),
    ("wage_subsidised", N_("Wage-subsidised employment")),
    ("apprenticeship", N_("Apprenticeship")),
    ("work_trial", N_("Work trial")),
    ("intermediate_labour_market", N_("Intermediate labour market")),
    ("self_employment", N_("Self-employment")),
)
SOURCES: Final = (
    ("intake", N_("Clients")),
    ("coaching", N_("Coaching")),
    ("matching", N_("Companies and jobs")),
)
"""The site's sections, as the services whose events reach the timeline."""

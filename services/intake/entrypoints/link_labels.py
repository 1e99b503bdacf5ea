"""What the link pages say: questions put to the participant in the second person, the
forms' names, the links' states and the refusals, marked for gettext.

The coaches' pages describe a client ("Prefers not to say"); a participant's own form
asks them ("I prefer not to say"), so these labels are apart from ``labels``.
"""

from __future__ import annotations

from typing import Final

from shared.web.i18n import N_

FORM_NAMES: Final = (
    ("participant_start_form", N_("Start form (ESF start data)")),
    ("participant_consent", N_("Consents")),
    ("participant_follow_up", N_("Six-month follow-up")),
)
FORM_TITLES: Final = {
    "participant_start_form": N_("Your situation at the start"),
    "participant_consent": N_("Your consents"),
    "participant_follow_up": N_("How are you doing now?"),
}
FORM_INTROS: Final = {
    "participant_start_form": N_(
        "The project reports these details to the European Social Fund, which funds it. "
        "Your coach checks your answers before they are saved."
    ),
    "participant_consent": N_(
        "Read each text and answer yes or no. You can change your answers later by "
        "telling your coach."
    ),
    "participant_follow_up": N_(
        "About six months have passed since you left the project. The project reports "
        "how its participants are doing to the European Social Fund. Your coach checks "
        "your answers before they are saved."
    ),
}
GENDERS: Final = (
    ("female", N_("Woman")),
    ("male", N_("Man")),
    ("non_binary", N_("Non-binary or other")),
    ("prefer_not_to_say", N_("I prefer not to say")),
)
SENSITIVE_QUESTIONS: Final = (
    ("disability", N_("Do you have a disability or a long-term illness?")),
    (
        "foreign_background",
        N_("Do you have a foreign background (you or both of your parents were born abroad)?"),
    ),
    ("third_country_national", N_("Are you a citizen of a country outside the European Union?")),
    ("minority", N_("Do you belong to a minority, for example the Roma?")),
    ("homeless_or_housing_exclusion", N_("Are you homeless or without a home of your own?")),
    ("other_disadvantaged", N_("Are you otherwise in a disadvantaged position?")),
)
SENSITIVE_ANSWERS: Final = (
    ("yes", N_("Yes")),
    ("no", N_("No")),
    ("declined", N_("I prefer not to say")),
)
CONSENT_ANSWERS: Final = (("yes", N_("Yes, I consent")), ("no", N_("No, I do not consent")))
LINK_STATES: Final = {
    "open": N_("Not opened"),
    "opened": N_("Opened"),
    "done": N_("Sent"),
    "expired": N_("Expired"),
    "revoked": N_("Revoked"),
}
PROPOSAL_STATES: Final = {
    "waiting": N_("Waiting"),
    "confirmed": N_("Confirmed"),
    "rejected": N_("Rejected"),
}
REFUSALS: Final = {
    "unknown": (
        N_("This link does not work"),
        N_("Check that you copied the whole address. If it still does not work, ask your "
           "coach for a new link."),
    ),
    "expired": (
        N_("This link has expired"),
        N_("The link was valid for a limited time only. Ask your coach for a new link."),
    ),
    "used": (
        N_("This form has already been sent"),
        N_("The link could be used once. If something needs to be changed, tell your coach."),
    ),
    "revoked": (
        N_("This link is no longer in use"),
        N_("The project has cancelled the link. Ask your coach if you need a new one."),
    ),
}  # fmt: skip
BUSY: Final = (N_("Too many requests"), N_("Wait a minute and try again."))
SENT: Final = (
    N_("Thank you, your answers were sent"),
    N_("Your coach will go through them with you. You can close this page."),
)
ERRORS: Final = {
    "choose_one": N_("Choose one of the options."),
    "date_required": N_("Enter the date."),
    "invalid_date": N_("Enter the date as day, month and year."),
    "unemployed_since_after_entry": N_("The date cannot be after you joined the project."),
    "municipality_required": N_("Enter your municipality of residence."),
    "too_long": N_("The text is too long."),
}
"""The participant's form errors, by the codes ``link_forms`` gives."""
COACH_ERRORS: Final = {
    "invalid_valid_days": N_("Enter a number of days from 1 to 90."),
    "choose_one": N_("Choose one of the options."),
    "proposal_already_decided": N_("These answers were already confirmed or rejected."),
    "start_data_unchanged": N_("The answers do not change the start data."),
}
"""The coach's link page's own errors; the bus's refusals use ``labels.ERRORS``."""

"""The consent purposes' names and texts as the person is shown them, by version.

A version, once used, is never changed: the events name the version, so that what the
person agreed to can always be shown again. A new wording gets a new ``VERSION``.
"""

from __future__ import annotations

from typing import Final

from shared.web.i18n import N_

VERSION: Final = "2026-01"
"""The version of the texts below; change the texts only with a new version."""
PURPOSE_LABELS: Final = {
    "project_processing": N_("Processing for the project"),
    "contact_by_email_sms": N_("Contact by e-mail or text message"),
    "partner_sharing": N_("Sharing with a partner project"),
    "employer_presentation": N_("Being presented to employers"),
}
CONSENT_TEXTS: Final = {
    "project_processing": N_(
        "Your data is used to arrange your coaching in the project and for the monitoring, "
        "evaluation and audit of ESF projects."
    ),
    "contact_by_email_sms": N_(
        "The project may contact you by e-mail or text message about your coaching."
    ),
    "partner_sharing": N_(
        "Your coaching information may be shared with the partner project named to you, "
        "without your name or identity code."
    ),
    "employer_presentation": N_(
        "Your job profile may be presented to employers looking for staff, without your "
        "name or contact details until you agree to meet them."
    ),
}
CHANNEL_LABELS: Final = {
    "in_person": N_("In person"),
    "paper": N_("On a paper form"),
    "phone": N_("By phone"),
    "e_service": N_("In an e-service"),
}

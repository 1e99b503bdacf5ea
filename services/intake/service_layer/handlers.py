"""Every command intake understands, and its handler: the one table the bus is built from.

Each handler is ``handler(deps, command, context) -> Accepted``; the rules of who may do
what (a coach of the project, a project manager's override, an admin's project) are
checked there from the context, whichever edge the command came through.
"""

from __future__ import annotations

from collections.abc import Callable

from services.intake.domain.commands import (
    AssignCoach,
    CorrectStartData,
    ExitClient,
    RecordFollowUp,
    RecordStatusUponLeaving,
    RevealIdentityCode,
)
from services.intake.domain.consent import RecordConsent
from services.intake.domain.contact import ChangeContactDetails
from services.intake.domain.costs import BookCost, CorrectCostBooking
from services.intake.domain.documents import AddDocument, RemoveDocument
from services.intake.domain.enrolment import EnrolPerson
from services.intake.domain.importing import ImportParticipant, ImportParticipants
from services.intake.domain.messages import SaveTemplate, SendLink, SetReminderHours
from services.intake.domain.privacy import ErasePerson, SetRetentionRule
from services.intake.domain.project import ChangeProjectPlan, RegisterProject
from services.intake.domain.restriction import LiftRestriction, RestrictProcessing
from services.intake.service_layer import (
    consent,
    contact,
    costs,
    documents,
    enrolment,
    identity_codes,
    importing,
    leaving,
    messages,
    privacy,
    projects,
    restriction,
)
from shared.messagebus import Accepted

COMMAND_HANDLERS: dict[type, Callable[..., Accepted]] = {
    EnrolPerson: enrolment.enrol,
    CorrectStartData: enrolment.correct_start_data,
    AssignCoach: enrolment.assign_coach,
    ExitClient: enrolment.exit_client,
    RecordStatusUponLeaving: leaving.record_status_upon_leaving,
    RecordFollowUp: leaving.record_follow_up,
    RevealIdentityCode: identity_codes.reveal_identity_code,
    RegisterProject: projects.register,
    ChangeProjectPlan: projects.change_plan,
    BookCost: costs.book_cost,
    CorrectCostBooking: costs.correct_cost,
    ErasePerson: privacy.erase_person,
    SetRetentionRule: privacy.set_retention_rule,
    RecordConsent: consent.record_consent,
    AddDocument: documents.add_document,
    RemoveDocument: documents.remove_document,
    ChangeContactDetails: contact.change_contact_details,
    ImportParticipant: importing.import_participant,
    ImportParticipants: importing.import_participants,
    SaveTemplate: messages.save_message_template,
    SetReminderHours: messages.set_reminder_hours,
    SendLink: messages.send_link_message,
    RestrictProcessing: restriction.restrict_processing,
    LiftRestriction: restriction.restrict_processing,
}

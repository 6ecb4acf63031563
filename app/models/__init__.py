"""The data model: one aggregate per module, all registered on one metadata."""

from app.models.action import ActionItem, ActionReview
from app.models.agency import Agency, AgencyName
from app.models.agenda import AgendaItem
from app.models.attachment import Attachment
from app.models.attendance import Attendance
from app.models.base import Base
from app.models.conclusion import Conclusion
from app.models.finding import Finding, FindingNationality
from app.models.meeting import Meeting
from app.models.office import OfficeProfile
from app.models.person import Person
from app.models.rendered_copy import RenderedCopy
from app.models.revision import MeetingRevision
from app.models.signed_document import SignedDocument

__all__ = [
    "ActionItem",
    "ActionReview",
    "Agency",
    "AgencyName",
    "AgendaItem",
    "Attachment",
    "Attendance",
    "Base",
    "Conclusion",
    "Finding",
    "FindingNationality",
    "Meeting",
    "MeetingRevision",
    "OfficeProfile",
    "Person",
    "RenderedCopy",
    "SignedDocument",
]

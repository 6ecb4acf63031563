"""Closed lists of the domain, stored as their string values (portable to PostgreSQL)."""

from __future__ import annotations

from enum import StrEnum

from app.i18n import N_, gettext


class LabelledEnum(StrEnum):
    """An enum whose members carry a translatable label for screens and documents."""

    @property
    def label(self) -> str:
        return gettext(self._labels()[self.value])

    def label_in(self, lang: str) -> str:
        return gettext(self._labels()[self.value], lang=lang)

    @classmethod
    def _labels(cls) -> dict[str, str]:  # pragma: no cover - overridden
        raise NotImplementedError


class MeetingKind(LabelledEnum):
    RAKOR = "rakor"
    OPERATION_BRIEFING = "operation_briefing"
    OPERATION_EVALUATION = "operation_evaluation"
    EVALUATION = "evaluation"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "rakor": N_("Coordination meeting"),
            "operation_briefing": N_("Joint operation briefing"),
            "operation_evaluation": N_("Joint operation evaluation"),
            "evaluation": N_("Evaluation meeting"),
            "other": N_("Other meeting"),
        }


class TeamLevel(LabelledEnum):
    NATIONAL = "national"
    PROVINCE = "province"
    REGENCY_CITY = "regency_city"
    DISTRICT = "district"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "national": N_("National"),
            "province": N_("Province"),
            "regency_city": N_("Regency/city"),
            "district": N_("District"),
        }


class Classification(LabelledEnum):
    ORDINARY = "ordinary"
    RESTRICTED = "restricted"
    SECRET = "secret"
    TOP_SECRET = "top_secret"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "ordinary": N_("Ordinary"),
            "restricted": N_("Restricted"),
            "secret": N_("Secret"),
            "top_secret": N_("Top secret"),
        }


class MeetingStatus(LabelledEnum):
    DRAFT = "draft"
    FINAL = "final"
    SIGNED = "signed"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"draft": N_("Draft"), "final": N_("Final"), "signed": N_("Signed")}


class AttendanceStatus(LabelledEnum):
    INVITED = "invited"
    PRESENT = "present"
    REPRESENTED = "represented"
    EXCUSED = "excused"
    ABSENT = "absent"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "invited": N_("Not confirmed"),  # no status yet: printed the same (wording.py)
            "present": N_("Present"),
            "represented": N_("Represented"),
            "excused": N_("Excused"),
            "absent": N_("Absent"),
        }

    @property
    def attended(self) -> bool:
        """Someone sat in the room for this invitee (in person or a deputy)."""
        return self in (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED)


class DocumentStatus(LabelledEnum):
    """Immigration document held by the foreigners a finding is about."""

    VISIT_VISA = "visit_visa"
    VISA_FREE = "visa_free"
    KITAS = "kitas"
    KITAP = "kitap"
    NONE = "none"
    UNKNOWN = "unknown"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "visit_visa": N_("Visit visa"),
            "visa_free": N_("Visa free"),
            "kitas": N_("Limited stay permit (ITAS)"),
            "kitap": N_("Permanent stay permit (ITAP)"),
            "none": N_("No document"),
            "unknown": N_("Unknown"),
        }


class ActionStatus(LabelledEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "open": N_("Not started"),
            "in_progress": N_("In progress"),
            "done": N_("Done"),
            "cancelled": N_("Cancelled"),
        }

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class AttachmentKind(LabelledEnum):
    PHOTO = "photo"
    FILE = "file"
    #: the scan of the daftar hadir signed by hand, printed as Lampiran I (services/scanned_sheet.py)
    SIGNED_SHEET = "signed_sheet"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"photo": N_("Photo"), "file": N_("File"), "signed_sheet": N_("Signed attendance list (scan)")}


class TimeZoneName(StrEnum):
    WIB = "WIB"
    WITA = "WITA"
    WIT = "WIT"


class Paper(StrEnum):
    A4 = "a4"
    F4 = "f4"


class DocumentFont(StrEnum):
    SANS = "sans"  # Arial twin (Arimo / Liberation Sans)
    SERIF = "serif"  # Times twin (Tinos / Liberation Serif)


class SignerRole(LabelledEnum):
    CHAIR = "chair"
    SECRETARY = "secretary"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"chair": N_("Meeting chair"), "secretary": N_("Minute taker")}


class MinutesTitle(LabelledEnum):
    """The word of the minutes' title: KBBI's standard "notula", or "notulen" as many offices write."""

    NOTULA = "notula"
    NOTULEN = "notulen"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"notula": N_("NOTULA RAPAT (standard form, KBBI)"), "notulen": N_("NOTULEN RAPAT")}


class PageNumbering(LabelledEnum):
    """Where the page number goes: "Halaman X dari Y" at the foot, or the TND's "- 2 -" on top."""

    FOOTER = "footer"
    TOP_CENTRE = "top_centre"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "footer": N_('"Page X of Y" at the foot of every page'),
            "top_centre": N_('"- 2 -" centred at the top from page 2 (Tata Naskah Dinas)'),
        }


class AttendanceAppendix(LabelledEnum):
    """Lampiran I of the minutes: the daftar hadir to sign by hand, or the list of those present."""

    SIGNATURES = "signatures"
    PRESENT_LIST = "present_list"
    #: the scan of the paper sheet signed at the meeting (an attachment of kind SIGNED_SHEET)
    SCAN = "scan"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "signatures": N_("Attendance list with a signature column, to be signed by hand"),
            "present_list": N_("List of those present, without a signature column"),
            "scan": N_("Scan of the attendance list signed at the meeting"),
        }

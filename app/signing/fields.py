"""Names of the signature fields in a minutes or report PDF, one per signer role.

Shared by signing, "Siap TTE" and verification, so a field made empty for the government's
signing tools is the one `timpora sign` fills, and `verify` can say whose signature it is.
"""

from __future__ import annotations

from app.i18n import _
from app.models.enums import SignerRole

#: ASCII names without dots (a dot separates levels of a PDF field name).
FIELD_NAMES: dict[str, str] = {
    SignerRole.CHAIR.value: "TTE_PimpinanRapat",
    SignerRole.SECRETARY.value: "TTE_Notulis",
}

#: The head of office signs a Laporan kegiatan Timpora (not a meeting's role: no register entry).
HEAD = "head"
REPORT_FIELD_NAMES: dict[str, str] = {HEAD: "TTE_KepalaKantor"}

#: Every field this program signs, minutes' and reports'.
ALL_FIELD_NAMES: dict[str, str] = {**FIELD_NAMES, **REPORT_FIELD_NAMES}


def role_of_field(field_name: str | None) -> str | None:
    """'chair' / 'secretary' / 'head' for our fields; None for a field some other tool made."""
    return next((role for role, name in ALL_FIELD_NAMES.items() if name == field_name), None)


def role_label(role: str) -> str:
    """Who signs in the user's language: the meeting's roles, or the head of office."""
    if role == HEAD:
        return _("Head of office")
    return SignerRole(role).label

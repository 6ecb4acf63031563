"""Names of the signature fields in a minutes PDF, one per signer role.

Shared by signing, "Siap TTE" and verification, so a field made empty for the government's
signing tools is the one `timpora sign` fills, and `verify` can say whose signature it is.
"""

from __future__ import annotations

from app.models.enums import SignerRole

#: ASCII names without dots (a dot separates levels of a PDF field name).
FIELD_NAMES: dict[str, str] = {
    SignerRole.CHAIR.value: "TTE_PimpinanRapat",
    SignerRole.SECRETARY.value: "TTE_Notulis",
}


def role_of_field(field_name: str | None) -> str | None:
    """'chair' / 'secretary' for our fields; None for a field some other tool made."""
    return next((role for role, name in FIELD_NAMES.items() if name == field_name), None)

"""The minutes PDF as a file: unique subset tags, and what a signed file keeps.

Read back with poppler's pdffonts (a reader that shares no code with reportlab or pyHanko).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from app.db import open_store
from app.documents.exports import export_minutes
from app.services.revisions import finalize_meeting
from app.signing.appearance import SignerDetails
from app.signing.certificates import load_identity
from app.signing.pades import sign_pdf
from tests.export.signing_support import PASSPHRASE, make_certificate, pdfsig, write_p12

SIGNED_AT = dt.datetime(2024, 11, 21, 12, 45, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture(scope="module")
def signed_twice(demo_db, tmp_path_factory) -> Path:
    """The demo minutes signed by the chair, then by the secretary (two stamps of Noto Sans)."""
    folder = tmp_path_factory.mktemp("signed")
    path, meeting_id = demo_db
    store = open_store(path)
    with store.session() as session:
        finalize_meeting(session, meeting_id)  # a draft's minutes are not signed
        export_minutes(session, meeting_id, folder / "notula.pdf")
    store.close()
    data = (folder / "notula.pdf").read_bytes()
    for role, name in (("chair", "Antonius Frizky, S.C.P."), ("secretary", "Rina Marlina, S.H.")):
        # One key per signer, valid on the fixed signing day.
        key, cert = make_certificate(
            common=name.split(",")[0],
            not_before=SIGNED_AT - dt.timedelta(days=30),
            not_after=SIGNED_AT + dt.timedelta(days=30 * 365),  # still valid whenever the suite runs
        )
        identity = load_identity(write_p12(folder / f"{role}.p12", key, cert), PASSPHRASE)
        details = SignerDetails(name=name, position="Jabatan " + role, id_number="198001012005011001")
        data = sign_pdf(data, identity, role=role, details=details, signed_at=SIGNED_AT, zone="WIB")
    signed = folder / "notula-ttd.pdf"
    signed.write_bytes(data)
    return signed


def subset_fonts(pdf: Path) -> list[tuple[str, str]]:
    """(tag, font name) of every embedded subset pdffonts lists, one row per font object."""
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    out = []
    for line in rows.splitlines()[2:]:
        match = re.match(r"([A-Z]{6})\+(\S+)", line)
        assert match, f"not a tagged subset: {line}"
        out.append((match.group(1), match.group(2)))
    return out


def test_every_subset_in_a_signed_file_has_a_tag_of_its_own(signed_twice):
    assert [s["Signature Validation"] for s in pdfsig(signed_twice)] == ["Signature is Valid."] * 2
    subsets = subset_fonts(signed_twice)
    names = [f"{tag}+{font}" for tag, font in subsets]
    # the body (Arimo) and the two stamps (Noto Sans, regular and bold, one subset per stamp)
    assert sum(font.startswith("NotoSans-Regular") for _, font in subsets) >= 2
    assert len(set(names)) == len(names), names
    tags = [tag for tag, _ in subsets]
    assert len(set(tags)) == len(tags), tags
    assert "AAAAAA" not in tags

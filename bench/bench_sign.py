"""Signing benchmark: a 20-page minutes PDF signed (chair, then secretary) and verified.

    python bench/bench_sign.py
Targets (issue 5): sign < 0.5 s, verify < 0.5 s, in process, median of 5, on a 2-core machine.
The PDF comes from the test helper that honours the minutes metadata contract; swap in the
real renderer once it is merged.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "export"))

from app.signing.appearance import SignerDetails  # noqa: E402
from app.signing.certificates import create_office_certificate, load_identity  # noqa: E402
from app.signing.pades import sign_file  # noqa: E402
from app.signing.verification import verify  # noqa: E402
from tests.support.signing import CHAIR, PASSPHRASE, SECRETARY, minutes_pdf  # noqa: E402

RUNS = 5


def median_ms(run, runs: int = RUNS) -> float:
    samples = []
    for index in range(runs):
        started = time.perf_counter()
        run(index)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="timpora-bench-sign-"))
    source = folder / "notulen-20.pdf"
    minutes_pdf(source, pages=20)
    p12 = folder / "kantor.p12"
    started = time.perf_counter()
    create_office_certificate("Kantor Imigrasi Kelas II Non TPI Muara Enim", PASSPHRASE, p12)
    print(f"office certificate (RSA-3072) created in {(time.perf_counter() - started) * 1000:.0f} ms (once)")
    print(f"minutes: 20 pages, {source.stat().st_size / 1024:.0f} KiB")

    load_ms = median_ms(lambda i: load_identity(p12, PASSPHRASE))
    identity = load_identity(p12, PASSPHRASE)
    # One certificate signs one box: the secretary signs with her own (personal, RSA-3072 too).
    from app.signing.certificates import create_personal_certificate

    secretary_p12 = folder / "notulis.p12"
    create_personal_certificate(
        SECRETARY.name,
        SECRETARY.nip,
        SECRETARY.position,
        "Kantor Imigrasi Kelas II Non TPI Muara Enim",
        PASSPHRASE,
        secretary_p12,
    )
    secretary_identity = load_identity(secretary_p12, PASSPHRASE)
    chair = SignerDetails(CHAIR.name, CHAIR.position, CHAIR.nip)
    secretary = SignerDetails(SECRETARY.name, SECRETARY.position, SECRETARY.nip)

    first_ms = median_ms(
        lambda i: sign_file(source, identity, role="chair", details=chair, target=folder / f"chair-{i}.pdf", zone="WIB")
    )
    second_ms = median_ms(
        lambda i: sign_file(
            folder / f"chair-{i}.pdf",
            secretary_identity,
            role="secretary",
            details=secretary,
            target=folder / f"both-{i}.pdf",
            zone="WIB",
        )
    )
    reports = []
    verify_ms = median_ms(lambda i: reports.append(verify(folder / f"both-{i}.pdf")))
    assert all(report.all_intact and len(report.signatures) == 2 for report in reports)

    print(f"open the .p12 (passphrase, key check)        median {load_ms:6.1f} ms")
    print(f"sign as chair (1st signature, to a file)     median {first_ms:6.1f} ms   target < 500 ms")
    print(f"sign as secretary (2nd, checks the 1st)      median {second_ms:6.1f} ms   target < 500 ms")
    print(f"verify both signatures                       median {verify_ms:6.1f} ms   target < 500 ms")
    real_minutes(folder, identity, secretary_identity, chair, secretary)


def real_minutes(folder: Path, identity, secretary_identity, chair, secretary) -> None:
    """The same on the real renderer's output: the large meeting of bench_pdf (31 pages, photos)."""
    from bench_pdf import build_large_meeting

    from app.db import open_store
    from app.documents.exports import export_minutes

    store = open_store(folder / "large.sqlite")
    with store.session() as session:
        meeting_id, _ = build_large_meeting(session)
    with store.session() as session:
        result = export_minutes(session, meeting_id, folder / "large.pdf")
    store.close()
    first_ms = median_ms(
        lambda i: sign_file(
            result.path, identity, role="chair", details=chair, target=folder / f"lc-{i}.pdf", zone="WIB"
        )
    )
    second_ms = median_ms(
        lambda i: sign_file(
            folder / f"lc-{i}.pdf",
            secretary_identity,
            role="secretary",
            details=secretary,
            target=folder / f"lb-{i}.pdf",
            zone="WIB",
        )
    )
    verify_ms = median_ms(lambda i: verify(folder / f"lb-{i}.pdf"))
    print(f"real minutes: {result.pages} pages, {result.size / 1024:.0f} KiB")
    print(f"sign real minutes as chair                   median {first_ms:6.1f} ms   target < 500 ms")
    print(f"sign real minutes as secretary               median {second_ms:6.1f} ms   target < 500 ms")
    print(f"verify both signatures of the real minutes   median {verify_ms:6.1f} ms   target < 500 ms")


if __name__ == "__main__":
    main()

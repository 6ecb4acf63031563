"""Benchmark of the minutes PDF: a large meeting and the demo, in process and through `timpora pdf`.

Large meeting: 150 attendees, 12 agenda items of three paragraphs, 40 findings, 40 action items
and 8 photos of 4000 x 3000 attached through the service (scaled once, when attached).
Prints medians of 5 runs. Run from the repository root: `python bench/bench_pdf.py`.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from app.db import open_store  # noqa: E402
from app.documents.exports import export_minutes  # noqa: E402
from app.models.enums import ActionStatus, AttendanceStatus, DocumentStatus  # noqa: E402
from app.services import actions, agenda, attachments, attendance, conclusions, directory, findings, meetings  # noqa: E402
from app.services.demo import load_demo  # noqa: E402

RUNS = 5
PARAGRAPH = (
    "Peserta rapat membahas hasil pemantauan keberadaan dan kegiatan orang asing di wilayah kerja, "
    "termasuk laporan dari kecamatan tentang tenaga kerja asing di sektor perkebunan dan pertambangan, "
    "pendataan warga negara asing yang tinggal di rumah penduduk, serta koordinasi pertukaran data "
    "antaranggota Tim PORA agar setiap temuan segera ditindaklanjuti sesuai kewenangan masing-masing instansi."
)
AGENCIES = [
    "Kantor Imigrasi Kelas II Non TPI Muara Enim",
    "Kepolisian Resor Lubuklinggau",
    "Kepolisian Resor Musi Rawas",
    "Komando Distrik Militer 0406/Lubuklinggau",
    "Badan Intelijen Negara Daerah Sumatera Selatan",
    "Badan Kesatuan Bangsa dan Politik Kota Lubuklinggau",
    "Dinas Tenaga Kerja Kota Lubuklinggau",
    "Kantor Kementerian Agama Kota Lubuklinggau",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Kejaksaan Negeri Lubuklinggau",
    "Satuan Polisi Pamong Praja",
    "Kantor Bea dan Cukai",
    "Dinas Pariwisata",
    "Pengadilan Negeri Lubuklinggau",
    "Badan Narkotika Nasional Kota",
]
COUNTRIES = ["CN", "VN", "MY", "IN", "US", "KR", "JP", "AU", "NG", "PK"]


def photo(seed: int) -> bytes:
    """A 4000 x 3000 JPEG with noise, so it weighs what a phone photo weighs (several MB)."""
    base = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    noise = Image.effect_noise((4000, 3000), 40 + seed).convert("RGB")
    image = Image.blend(base, noise, 0.35)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def nip(i: int) -> str:
    return f"19{70 + i % 30:02d}{1 + i % 12:02d}{1 + i % 28:02d}2020{1 + i % 12:02d}{1 + i % 2}{i % 1000:03d}"


def build_large_meeting(session) -> tuple[int, float]:
    """The large meeting; returns its id and the seconds spent attaching (scaling) the photos."""
    chair = directory.create_person(
        session,
        name="Dr. Ketua Tim PORA, S.H., M.H.",
        id_number=nip(0),
        rank="Pembina (IV/a)",
        position="Kepala Kantor",
    )
    secretary = directory.create_person(
        session, name="Notulis Rapat, S.Kom.", id_number=nip(1), rank="Penata (III/c)", position="Analis Keimigrasian"
    )
    m = meetings.create_meeting(
        session,
        title="Rapat Koordinasi Tim PORA: uji beban",
        date=dt.date(2024, 11, 21),
        start_time=dt.time(9, 0),
        end_time=dt.time(15, 0),
        venue="Aula",
        city="Lubuklinggau",
        chair_id=chair.id,
        secretary_id=secretary.id,
        opening_notes=PARAGRAPH,
        closing_notes="Rapat ditutup pukul 15.00 WIB.",
    )
    known = {a.name: a for a in directory.list_agencies(session)}  # the demo already has some of them
    agencies = [
        known.get(name) or directory.create_agency(session, name=name, sort_order=10 * (n + 1))
        for n, name in enumerate(AGENCIES)
    ]
    for i in range(150):
        person = directory.create_person(
            session,
            name=f"Peserta Nomor {i + 1}, S.H., M.Si.",
            id_number=nip(i + 2),
            rank="Penata Tk. I (III/d)",
            position="Kepala Seksi Pengawasan dan Penindakan",
            agency_id=agencies[i % len(agencies)].id,
        )
        row = attendance.invite_person(session, m.id, person.id)
        if i % 15 == 7:
            attendance.set_status(
                session,
                row.id,
                AttendanceStatus.REPRESENTED,
                deputy_name=f"Wakil Peserta {i + 1}",
                deputy_position="Staf",
            )
        elif i % 25 == 3:
            attendance.set_status(session, row.id, AttendanceStatus.EXCUSED)
        else:
            attendance.set_status(session, row.id, AttendanceStatus.PRESENT)
    for i in range(12):
        agenda.add_agenda_item(
            session,
            m.id,
            title=f"Agenda {i + 1}: laporan dan diskusi",
            time=dt.time(9 + i // 2, 30 * (i % 2)),
            presenter_id=chair.id,
            discussion="\n".join([PARAGRAPH] * 3),
        )
    for i in range(40):
        findings.add_finding(
            session,
            m.id,
            category="Tenaga kerja asing ilegal",
            location=f"Kecamatan {i + 1}, Kabupaten Musi Rawas",
            nationality=COUNTRIES[i % len(COUNTRIES)],
            persons=1 + i % 7,
            document_status=DocumentStatus.VISIT_VISA,
            sponsor="PT Contoh",
            reporting_agency=AGENCIES[i % len(AGENCIES)],
            description="WNA diduga bekerja dengan visa kunjungan di lokasi perkebunan.",
            recommendation="Pemeriksaan dokumen.",
        )
    for i in range(40):
        actions.add_action(
            session,
            m.id,
            description=f"Tindak lanjut nomor {i + 1}: pemeriksaan dokumen dan pendataan WNA.",
            owner_agency_id=agencies[i % len(agencies)].id,
            due_date=dt.date(2025, 1, 1 + i % 28),
            status=ActionStatus.OPEN,
        )
    for _ in range(5):
        conclusions.add_conclusion(session, m.id, PARAGRAPH)
    pictures = [photo(i) for i in range(8)]
    start = time.perf_counter()
    for i, content in enumerate(pictures):
        attachments.add_attachment(
            session, m.id, filename=f"foto-{i + 1}.jpg", content=content, caption=f"Dokumentasi {i + 1}"
        )
    return m.id, time.perf_counter() - start


def in_process(db: Path, meeting_id: int, target: Path) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each export; the first run (fonts loaded) comes first."""
    store = open_store(db)
    times, cpu = [], []
    try:
        for _ in range(RUNS + 1):
            start, start_cpu = time.perf_counter(), time.process_time()
            with store.session() as session:
                export_minutes(session, meeting_id, target)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    finally:
        store.close()
    return times, cpu


def peak_python_memory(db: Path, meeting_id: int, target: Path) -> int:
    store = open_store(db)
    tracemalloc.start()
    with store.session() as session:
        export_minutes(session, meeting_id, target)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    store.close()
    return peak


def command(
    db: Path, meeting_id: int, target: Path, args: tuple[str, ...] = (), runs: int = RUNS
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (user + system) seconds of each `timpora ...` process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "app", "--db", str(db), *(args or ("pdf", str(meeting_id), str(target)))],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return times, cpu


def plain_script(db: Path, meeting_id: int, target: Path, runs: int = RUNS) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run of bench/plain_minutes.py (the yardstick)."""
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "plain_minutes.py"), str(db), str(meeting_id), str(target)],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return times, cpu


def command_memory(db: Path, meeting_id: int, target: Path) -> int:
    """Peak resident set (KB) of one `timpora pdf` run: VmHWM, as the process itself sees it at exit.

    (ru_maxrss would also count the pages a forked child shared with this benchmark, which
    holds the generated photos, before it exec'd; VmHWM starts afresh with the new program.)
    """
    probe = (
        "import sys; from app.cli.main import main; code = main(sys.argv[1:]); "
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]; "
        "print(hwm, file=sys.stderr); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "--db", str(db), "pdf", str(meeting_id), str(target)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stderr.strip().splitlines()[-1])


def pdf_pages(path: Path) -> str:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def report(label: str, measured: tuple[list[float], list[float]]) -> None:
    times, cpu = measured
    print(
        f"{label}: median {statistics.median(times) * 1000:.0f} ms wall, {statistics.median(cpu) * 1000:.0f} ms CPU "
        f"(wall runs: {', '.join(f'{t * 1000:.0f}' for t in times)})"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db = folder / "bench.sqlite"
        store = open_store(db)
        with store.session() as session:
            demo_id = load_demo(session)
            large_id, attach_seconds = build_large_meeting(session)
        store.close()
        print(f"attaching 8 photos of 4000 x 3000 (scaled once, then stored): {attach_seconds:.2f} s")

        print(f"load average before measuring: {', '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores, shared)")
        target = folder / "large.pdf"
        times, cpu = in_process(db, large_id, target)
        print(f"large meeting, first export in this process (fonts loaded): {times[0] * 1000:.0f} ms wall")
        report("large meeting, store -> file in process", (times[1:], cpu[1:]))
        pages = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
        page_count = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
        print(f"large meeting, output: {target.stat().st_size / 1024 / 1024:.2f} MB, {page_count} pages")
        print(
            f"large meeting, peak Python memory of one export (tracemalloc): {peak_python_memory(db, large_id, target) / 1024 / 1024:.1f} MB"
        )

        # Side by side, alternating, so both see the same load: the command and the plain script.
        ours, plain = ([], []), ([], [])
        for _ in range(RUNS):
            for into, measured in (
                (ours, command(db, large_id, folder / "cli.pdf", runs=1)),
                (plain, plain_script(db, large_id, folder / "plain.pdf", runs=1)),
            ):
                into[0].extend(measured[0])
                into[1].extend(measured[1])
        report("large meeting, whole `timpora pdf` command (subprocess)", ours)
        report("the same meeting, plain reportlab script (bench/plain_minutes.py)", plain)
        print(
            f"`timpora pdf` / plain script: {statistics.median(ours[0]) / statistics.median(plain[0]):.2f} wall, "
            f"{statistics.median(ours[1]) / statistics.median(plain[1]):.2f} CPU (target < 1.2); plain script's "
            f"output: {pdf_pages(folder / 'plain.pdf')} pages, {(folder / 'plain.pdf').stat().st_size / 1024 / 1024:.2f} MB"
        )
        print(
            f"large meeting, peak resident memory of the `timpora pdf` process: {command_memory(db, large_id, folder / 'm.pdf') / 1024:.0f} MB"
        )

        demo_target = folder / "demo.pdf"
        demo_times, demo_cpu = in_process(db, demo_id, demo_target)
        report("demo meeting, store -> file in process", (demo_times[1:], demo_cpu[1:]))
        print(f"demo meeting, output: {demo_target.stat().st_size / 1024:.0f} KB")
        report("demo meeting, whole `timpora pdf` command (subprocess)", command(db, demo_id, folder / "demo-cli.pdf"))
        report(
            "for comparison, `timpora meetings` (starts, opens the store, lists)",
            command(db, demo_id, folder, ("meetings",)),
        )


if __name__ == "__main__":
    main()

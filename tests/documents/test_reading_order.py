"""The minutes read in order by plain `pdftotext` (no -layout), as a screen reader's text, a
copy and paste or an archive's index meet them (issue 16, "Accessibility and reading order").

reportlab writes no structure tree, so poppler guesses the order from the geometry: cells whose
text lies closer than the type size merge into one jumbled line across the rule; a header
centred over left-aligned text leaves the grid and is read after the rows. The tables keep their
cells apart (styles.CELL_PADDING) and their titles on the grid (styles.header_cells).
"""

from __future__ import annotations

import pytest

from app.db import open_store
from app.documents.exports import export_minutes
from tests.support import pdftools


@pytest.fixture(scope="module", params=["a4", "f4"])
def reading(request, demo_db, tmp_path_factory) -> str:
    """The demo minutes' plain text, whitespace folded (a cell's wrapped lines read as one)."""
    path, meeting_id = demo_db
    target = tmp_path_factory.mktemp("reading") / f"notula-{request.param}.pdf"
    store = open_store(path)
    with store.session() as session:
        export_minutes(session, meeting_id, target, paper=request.param)
    store.close()
    return pdftools.flat(pdftools.text(target))


def test_the_hari_tanggal_block_reads_label_then_value(reading):
    assert "Hari/Tanggal : Kamis, 21 November 2024 Waktu : 09.00 WIB s.d. 12.30 WIB Tempat : Hotel Famvida" in reading


def test_a_finding_reads_as_its_row_number_category_location_nationality_and_remarks(reading):
    assert (
        "No Kategori Lokasi Kewarganegaraan Jumlah orang Keterangan "
        "1. Tenaga kerja asing ilegal Lokasi tambang rekaan B (contoh), Kabupaten Musi Rawas Utara "
        "Tiongkok 3 Tiga WNA diduga bekerja di lokasi tambang" in reading
    )
    # an empty cell prints "-": the row's grid stays whole, and the next row follows in order
    assert "2. Spionase Kota Lubuklinggau - - Kewaspadaan terhadap" in reading


def test_the_action_plan_and_the_follow_up_read_row_by_row(reading):
    assert (
        "No Uraian Penanggung jawab Tenggat Status "
        "1. Operasi gabungan khusus dan insidentil pengawasan orang asing menjelang dan sesudah Pilkada "
        "Kantor Imigrasi Kelas II Non TPI Muara Enim 15 Desember 2024 Belum dimulai 2. Imbauan" in reading
    )
    assert (
        "1. Pemeriksaan dokumen TKA di perkebunan rekaan A (contoh) Rapat 15 Agustus 2024 "
        "Kantor Imigrasi Kelas II Non TPI Muara Enim 30 September 2024 Selesai Sudah dilaksanakan" in reading
    )


def test_the_daftar_hadir_reads_its_header_then_its_rows(reading):
    assert "No Nama NIP/NRP Jabatan Instansi Tanda Tangan 1. Antonius Frizky, S.C.P. - Kepala Kantor" in reading
    assert (
        "6. Hendra Gunawan, S.I.K. (contoh) AKBP 80070000 Kepala Satuan Intelijen Keamanan "
        "Kepolisian Resor Lubuklinggau" in reading
    )


def test_the_list_of_those_present_reads_every_row_in_order(demo_db, tmp_path):
    """Without a signature column the list has room to keep every cell apart (LIST_PADDING):
    a full NIP or a wrapped name no longer runs into its neighbour's line."""
    path, meeting_id = demo_db
    store = open_store(path)
    with store.session() as session:
        export_minutes(session, meeting_id, tmp_path / "peserta.pdf", attendance_appendix="present_list")
    store.close()
    reading = pdftools.flat(pdftools.text(tmp_path / "peserta.pdf"))
    assert "No Nama NIP/NRP Jabatan Instansi 1. Antonius Frizky, S.C.P. - Kepala Kantor Imigrasi" in reading
    assert (
        "2. Rizki Pratama, S.H., M.H. (contoh) Penata Tk. I (III/d) 19850615 200801 1 000 "
        "Kepala Seksi Intelijen dan Penindakan Keimigrasian Kantor Imigrasi Kelas II Non TPI Muara Enim 3. Dewi"
        in reading
    )

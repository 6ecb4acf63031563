"""The fixed Indonesian words of the printed minutes and daftar hadir.

The minutes are an Indonesian government document whatever language the window speaks, so
these are constants, not gettext: an English interface must never leak into a printed page.
"""

from __future__ import annotations

from app.models.enums import (
    ActionStatus,
    AttendanceStatus,
    Classification,
    DocumentStatus,
    MinutesTitle,
)

# --- kop surat -------------------------------------------------------------------------------
KOP_PHONE = "Telepon"
KOP_WEBSITE = "Laman"
KOP_EMAIL = "Pos-el"
KOP_PREVIEW_TITLE = "Kop Surat"

# --- the minutes -------------------------------------------------------------------------------
#: "Notula" is the KBBI's standard form ("notulen" is not) and the word the TND regulations use;
#: an office that writes "NOTULEN RAPAT" chooses it in its settings.
TITLE = "NOTULA RAPAT"
TITLES = {MinutesTitle.NOTULA: TITLE, MinutesTitle.NOTULEN: "NOTULEN RAPAT"}
NUMBER = "Nomor"
DAY_DATE = "Hari/Tanggal"
TIME = "Waktu"
PLACE = "Tempat"
AGENDA = "Acara"
CHAIR = "Pimpinan Rapat"
SECRETARY = "Notulis"
PARTICIPANTS = "Peserta"
UNTIL = "s.d."
UNTIL_DONE = "selesai"
PERSONS = "orang"
LIST_ATTACHED = "daftar hadir terlampir"
PRESENT_LIST_ATTACHED = "daftar peserta terlampir"
REPRESENTED_COUNT = "termasuk {count} orang perwakilan"

OPENING = "Pembukaan"
DISCUSSION = "Pembahasan"
PRESENTER = "Penyaji"
PREVIOUS_FOLLOW_UP = "Tindak lanjut hasil rapat sebelumnya"
FINDINGS = "Temuan"
ACTIONS = "Rencana tindak lanjut"
CONCLUSIONS = "Kesimpulan"
CLOSING = "Penutup"
OPENED_AT = "Rapat dibuka pukul {time}."
OPENED_BY = "Rapat dibuka pukul {time} oleh {name}."
CLOSED_AT = "Rapat ditutup pukul {time}."
CLOSED = "Rapat ditutup."
NOTHING_FOUND = "Tidak ada temuan yang dilaporkan dalam rapat ini."
NOTHING_PLANNED = "Tidak ada rencana tindak lanjut."
NOTHING_CONCLUDED = "Tidak ada kesimpulan yang dicatat."
NOTHING_DISCUSSED = "Tidak ada pembahasan yang dicatat."
FROM_MEETING = "Rapat {date}"

COL_NO = "No"
COL_CATEGORY = "Kategori"
COL_LOCATION = "Lokasi"
COL_NATIONALITY = "Kewarganegaraan"
COL_PERSONS = "Jumlah orang"
#: a finding's nationality whose code was not given, among several
NATIONALITY_UNKNOWN = "kewarganegaraan tidak diketahui"


def involved(country: str, persons: int | None, *, space: str = "\u00a0") -> str:
    """One of a finding's several nationalities: "Tiongkok (3 orang)"; "Vietnam" without a number."""
    name = country or NATIONALITY_UNKNOWN
    # no break inside "(3 orang)": a narrow column wraps before it, never after the number
    return f"{name} ({persons}{space}{PERSONS})" if persons is not None else name


def involved_list(rows: list[tuple[str, int | None]]) -> str:
    """All of them on one line: "Tiongkok (3 orang), Vietnam (2 orang)"; one as its name alone."""
    if len(rows) == 1:
        return rows[0][0]
    return ", ".join(involved(country, persons, space=" ") for country, persons in rows)


COL_REMARKS = "Keterangan"
COL_DESCRIPTION = "Uraian"
COL_OWNER = "Penanggung jawab"  # not "PIC": an English abbreviation on an Indonesian document
COL_DUE = "Tenggat"
COL_STATUS = "Status"
COL_NAME = "Nama"
COL_ID_NUMBER = "NIP/NRP"
COL_POSITION = "Jabatan"
COL_AGENCY = "Instansi"
COL_SIGNATURE = "Tanda Tangan"

FINDING_DOCUMENT = "Dokumen"
FINDING_SPONSOR = "Penjamin/pemberi kerja"
FINDING_SOURCE = "Sumber"
FINDING_RECOMMENDATION = "Rekomendasi"

# --- signatures ------------------------------------------------------------------------------
NIP = "NIP"
NRP = "NRP"
NAME_BLANK = "(" + "." * 40 + ")"
#: Under the QR code: what it names, and what it proves and does not.
QR_CODE_LINE = "Kode verifikasi <b>{code}</b> (revisi {revision})"
QR_CAPTION = (
    "Kode ini menunjukkan isi notulen yang dicetak; cocokkan dengan arsip kantor di aplikasi "
    "Notulen Timpora (Periksa PDF). Kode ini bukan tanda tangan."
)
#: The meeting in the QR code's text when it has no number.
QR_NAME_BY_DATE = "tanggal {date}"

# --- drafts and examples ---------------------------------------------------------------------
#: Across every page of minutes whose meeting is not final yet.
DRAFT_MARK = "DRAF"
#: Across every page of a document that names invented persons (the demo).
EXAMPLE_MARK = "CONTOH"
EXAMPLE_BANNER = "CONTOH: nama orang, nomor, tempat dan temuan dalam dokumen ini rekaan, bukan notulen resmi"
#: Beside the name of every invented person.
EXAMPLE_PERSON = "(contoh)"

# --- appendices ------------------------------------------------------------------------------
APPENDIX = "LAMPIRAN"
DATE = "Tanggal"
ATTENDANCE_TITLE = "DAFTAR HADIR"
PHOTOS_TITLE = "DOKUMENTASI"
OF_MINUTES = "Notula Rapat"
OF_MINUTES_BY_TITLE = {MinutesTitle.NOTULA: OF_MINUTES, MinutesTitle.NOTULEN: "Notulen Rapat"}
#: Lampiran I without a signature column (nobody signs it): it must not look like an unsigned
#: daftar hadir.
PRESENT_LIST_TITLE = "DAFTAR PESERTA YANG HADIR"
#: Lampiran I as the scan of the paper daftar hadir signed at the meeting
SCAN_NOTE = "(pindaian lembar yang ditandatangani)"
EVENT = "Kegiatan"
DEPUTY_FOR = "mewakili {name}"
ABSENT_TITLE = "Undangan yang tidak hadir"
PHOTO_CAPTION = "Foto {number}"
NO_ATTENDEES = "Belum ada peserta yang tercatat hadir."

# --- every page ------------------------------------------------------------------------------
PAGE_OF = "Halaman {page} dari {pages}"
#: The Tata Naskah Dinas page number: centred at the top, from the second page.
PAGE_TOP = "- {page} -"

CLASSIFICATION_MARK = {
    Classification.ORDINARY: "",
    Classification.RESTRICTED: "TERBATAS",
    Classification.SECRET: "RAHASIA",
    Classification.TOP_SECRET: "SANGAT RAHASIA",
}

#: The window's labels are the same words (AttendanceStatus's Indonesian labels).
ATTENDANCE_STATUS = {
    AttendanceStatus.INVITED: "Belum dikonfirmasi",
    AttendanceStatus.PRESENT: "Hadir",
    AttendanceStatus.REPRESENTED: "Diwakili",
    AttendanceStatus.EXCUSED: "Izin",
    AttendanceStatus.ABSENT: "Tidak hadir",
}

ACTION_STATUS = {
    ActionStatus.OPEN: "Belum dimulai",
    ActionStatus.IN_PROGRESS: "Dalam proses",
    ActionStatus.DONE: "Selesai",
    ActionStatus.CANCELLED: "Dibatalkan",
}

DOCUMENT_STATUS = {
    DocumentStatus.VISIT_VISA: "Visa kunjungan",
    DocumentStatus.VISA_FREE: "Bebas visa",
    DocumentStatus.KITAS: "ITAS/KITAS",
    DocumentStatus.KITAP: "ITAP/KITAP",
    DocumentStatus.NONE: "Tanpa dokumen",
    DocumentStatus.UNKNOWN: "",
}

#: Document information dictionary.
PDF_TITLE = "Notula Rapat: {title}"
PDF_TITLES = {MinutesTitle.NOTULA: PDF_TITLE, MinutesTitle.NOTULEN: "Notulen Rapat: {title}"}
PDF_SHEET_TITLE = "Daftar Hadir: {title}"
PDF_CREATOR = "Notulen Timpora"

"""The fixed Indonesian words of the Laporan kegiatan Timpora and of its Excel recap.

Printed in Indonesian whatever language the window speaks (see wording.py for the minutes).
"""

from __future__ import annotations

from app.models.enums import MeetingKind

TITLE = "LAPORAN KEGIATAN"
TEAM = "TIM PENGAWASAN ORANG ASING"
PERIOD = "Periode {start} s.d. {end}"
YEAR = "TAHUN {year}"
QUARTER = "TRIWULAN {roman} TAHUN {year}"
HALF = "SEMESTER {roman} TAHUN {year}"
AREA = "Wilayah kerja: {area}"

SUMMARY = "Ringkasan"
SUMMARY_MEETINGS = "Rapat yang dilaksanakan"
SUMMARY_PRESENT = "Kehadiran"
SUMMARY_FINDINGS = "Temuan"
SUMMARY_WITH_ACTION = "Temuan yang ditindaklanjuti"
SUMMARY_ACTIONS = "Rencana tindak lanjut"
N_MEETINGS = "{n} rapat"
N_PRESENT = "{present} orang hadir dari {invited} undangan"
N_FINDINGS = "{n} temuan, melibatkan {persons} orang asing"
N_UNKNOWN_PERSONS = "{n} temuan tanpa jumlah orang"
N_WITH_ACTION = "{n} dari {total} temuan"
N_ACTIONS = "{opened} dibuat, {done} selesai, {open} belum selesai, {overdue} terlambat"
EMPTY = "Tidak ada rapat Tim PORA yang tercatat dalam periode ini."

MEETINGS = "Rapat yang dilaksanakan"
ATTENDANCE = "Kehadiran instansi"
ATTENDANCE_NOTE = (
    "Dihitung per rapat: instansi dianggap hadir bila sekurang-kurangnya satu undangannya hadir atau diwakili."
)
NEVER_PRESENT = "Instansi yang tidak pernah hadir: {names}."
ALL_PRESENT = "Setiap instansi yang diundang hadir sekurang-kurangnya satu kali."
FINDINGS = "Temuan"
FINDINGS_TOTAL = (
    "Dalam periode ini dilaporkan {n} temuan yang melibatkan {persons} orang asing; "
    "{with_action} di antaranya dibahas dalam rapat yang menyepakati rencana tindak lanjut."
)
SEVERAL_NATIONALITIES = (
    "{n} temuan melibatkan lebih dari satu kewarganegaraan; temuan tersebut dihitung pada setiap "
    "kewarganegaraannya, dengan jumlah orang asing dari kewarganegaraan itu."
)
FINDINGS_UNKNOWN = "{n} temuan tidak menyebutkan jumlah orang."
NO_FINDINGS = "Tidak ada temuan yang dilaporkan dalam periode ini."
BY_CATEGORY = "Menurut kategori"
BY_NATIONALITY = "Menurut kewarganegaraan"
BY_REGENCY = "Menurut kabupaten/kota"
BY_DISTRICT = "Menurut kecamatan"
BY_MONTH = "Menurut bulan"
ACTIONS = "Rencana tindak lanjut"
ACTIONS_TOTAL = (
    "Rapat dalam periode ini menyepakati {opened} rencana tindak lanjut: {done} selesai, {in_progress} dalam "
    "proses, {not_started} belum dimulai, {cancelled} dibatalkan; {overdue} melewati tenggat pada {end}."
)
ACTIONS_NOTE = "Terlambat: belum selesai dan tenggatnya sebelum {end} (akhir periode). Status adalah status terakhir yang tercatat."
NO_ACTIONS = "Tidak ada rencana tindak lanjut yang disepakati dalam periode ini."
OVERDUE_LIST = "Rencana tindak lanjut yang terlambat"
NONE_OVERDUE = "Tidak ada rencana tindak lanjut yang terlambat."
CLOSING = (
    "Demikian laporan kegiatan Tim Pengawasan Orang Asing ini disampaikan sebagai bahan evaluasi dan "
    "pertimbangan lebih lanjut."
)
HEAD_CAPTION = "Kepala Kantor,"

APPENDIX = "LAMPIRAN"
OF_REPORT = "Laporan Kegiatan Tim PORA"
CONCLUSIONS_TITLE = "KESIMPULAN RAPAT"
NO_CONCLUSIONS = "Tidak ada kesimpulan rapat yang dicatat dalam periode ini."

COL_NO = "No"
COL_DATE = "Hari/Tanggal"
COL_MEETING = "Rapat"
COL_VENUE = "Tempat"
COL_CHAIR = "Pimpinan rapat"
COL_PRESENT = "Hadir"
COL_AGENCY = "Instansi"
COL_INVITED = "Diundang"
COL_SHARE = "Persentase"
COL_CATEGORY = "Kategori"
COL_NATIONALITY = "Kewarganegaraan"
COL_REGENCY = "Kabupaten/kota"
COL_DISTRICT = "Kecamatan"
COL_MONTH = "Bulan"
COL_FINDINGS = "Jumlah temuan"
COL_PERSONS = "Jumlah orang asing"
COL_OWNER = "Penanggung jawab"  # the minutes' word, not "PIC"
COL_OPENED = "Dibuat"
COL_DONE = "Selesai"
COL_OPEN = "Belum selesai"
COL_OVERDUE = "Terlambat"
COL_DESCRIPTION = "Uraian"
COL_DUE = "Tenggat"
COL_DAYS_LATE = "Terlambat (hari)"
COL_TOTAL = "Jumlah"

LEGEND_INVITED = "Diundang"
LEGEND_PRESENT = "Hadir"
LEGEND_DONE = "Selesai"
LEGEND_OPEN = "Belum selesai, belum lewat tenggat"
LEGEND_OVERDUE = "Terlambat"
CHART_MEETINGS_UNIT = "rapat"
OTHERS = "Lainnya"
UNKNOWN_NATIONALITY = "Tidak diketahui"
UNKNOWN_LOCATION = "Tidak disebutkan"
NO_AGENCY = "Tanpa instansi"

MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")

MEETING_KIND = {
    MeetingKind.RAKOR: "Rapat Koordinasi",
    MeetingKind.OPERATION_BRIEFING: "Briefing Operasi Gabungan",
    MeetingKind.OPERATION_EVALUATION: "Evaluasi Operasi Gabungan",
    MeetingKind.EVALUATION: "Rapat Evaluasi",
    MeetingKind.OTHER: "Rapat lainnya",
}

PDF_TITLE = "Laporan Kegiatan Tim PORA {period}"

# --- the Excel recap -------------------------------------------------------------------------
SHEET_FINDINGS = "Temuan"
SHEET_ACTIONS = "Tindak lanjut"
SHEET_ATTENDANCE = "Kehadiran"
XL_MEETING_DATE = "Tanggal rapat"
XL_MEETING = "Rapat"
XL_CATEGORY = "Kategori"
XL_LOCATION = "Lokasi"
XL_DISTRICT = "Kecamatan"
XL_REGENCY = "Kabupaten/kota"
XL_NATIONALITY = "Kewarganegaraan"
XL_COUNTRY_CODE = "Kode negara"
XL_PERSONS = "Jumlah orang"
XL_DOCUMENT = "Dokumen keimigrasian"
XL_SPONSOR = "Penjamin/pemberi kerja"
XL_SOURCE = "Instansi pelapor"
XL_DESCRIPTION = "Uraian"
XL_RECOMMENDATION = "Rekomendasi"
XL_ACTION = "Rencana tindak lanjut"
XL_OWNER = "Instansi penanggung jawab"
XL_OWNER_PERSON = "Penanggung jawab"
XL_DUE = "Tenggat"
XL_STATUS = "Status"
XL_OVERDUE = "Terlambat"
XL_DAYS_LATE = "Terlambat (hari)"
XL_NAME = "Nama"
XL_POSITION = "Jabatan"
XL_AGENCY = "Instansi"
XL_ATTENDED = "Hadir"
XL_DEPUTY = "Diwakili oleh"
YES = "Ya"
NO = "Tidak"
XL_TITLE = "Rekap Tim PORA {period}"

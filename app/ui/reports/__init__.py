"""The Laporan page: a period's Timpora report in the window, exported to PDF or Excel."""

"""The file formats an export is written in."""

from __future__ import annotations

from enum import StrEnum


class ExportFormat(StrEnum):
    XLSX = "xlsx"  # one workbook
    CSV = "csv"  # a zip of CSV files, one per sheet

    @property
    def extension(self) -> str:
        return "zip" if self is ExportFormat.CSV else "xlsx"

"""Writing an export: an XLSX workbook (openpyxl) or a zip of CSV files (one per sheet).

Cells arrive made safe by :mod:`flows.exports.cells`; each is passed through
:func:`~flows.exports.cells.cell` once more here (it changes nothing already safe), so no path
can put a formula or an illegal character into a file. CSV files are UTF-8 with a byte-order
mark, which Excel needs to read Arabic and French correctly, and use the Excel dialect (comma,
double quotes, CRLF).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook as XlsxBook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from flows.exports.cells import cell
from flows.exports.formats import ExportFormat
from flows.exports.sheets import Workbook

Target = str | Path | BinaryIO
_WIDE = {"description", "text", "question", "meaning", "action", "public_reply", "dialogue"}
_BOM = "\ufeff"


def write_xlsx(book: Workbook, target: Target) -> None:
    """One worksheet per sheet, headers in bold on a frozen first row."""
    xlsx = XlsxBook(write_only=True)
    bold = Font(bold=True)
    for sheet in book.sheets:
        ws = xlsx.create_sheet(title=sheet.name)
        ws.freeze_panes = "A2"
        for n, header in enumerate(sheet.headers, start=1):
            ws.column_dimensions[get_column_letter(n)].width = 60 if header in _WIDE else 16
        headers = []
        for header in sheet.headers:
            head = WriteOnlyCell(ws, value=cell(header))
            head.font = bold
            headers.append(head)
        ws.append(headers)
        for row in sheet.rows:
            ws.append([cell(v) for v in row])
    xlsx.save(target)


def csv_text(headers: tuple[str, ...], rows: tuple[tuple[object, ...], ...]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel")
    writer.writerow([cell(h) for h in headers])
    for row in rows:
        writer.writerow(["" if (v := cell(value)) is None else v for value in row])
    return buffer.getvalue()


def write_csv_zip(book: Workbook, target: Target) -> None:
    """``<sheet>.csv`` for every sheet, README.csv included."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for sheet in book.sheets:
            text = _BOM + csv_text(sheet.headers, sheet.rows)
            archive.writestr(f"{sheet.name}.csv", text.encode("utf-8"))


WRITERS = {ExportFormat.XLSX: write_xlsx, ExportFormat.CSV: write_csv_zip}

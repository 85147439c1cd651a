"""CSV and XLSX exports, one way for every list: translated headers and values, real numbers
and dates in spreadsheets (they sum and sort), right-to-left sheets for Arabic and Hebrew, a
frozen header row, and text a member typed never read as a formula.

A list declares its columns once (`Column(header, get, kind)`) and hands rows to
`export_response`. CSV stays plain for other programs: ISO dates, numbers with a point,
UTF-8 with a BOM so spreadsheet programs read Arabic; headers and labels are translated.
"""

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise

from .i18n import direction

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Spreadsheet number formats by column kind ("money3": currencies with 1,000 minor units).
NUMBER_FORMATS = {"integer": "#,##0", "decimal": "#,##0.00", "money": "#,##0.00"}
MONEY_FORMATS = {0: "#,##0", 2: "#,##0.00", 3: "#,##0.000"}
DATE_FORMATS = {"he": "dd.mm.yyyy"}  # others: day/month/year
DATETIME_FORMATS = {"he": "dd.mm.yyyy hh:mm"}


@dataclass(frozen=True)
class Column:
    """One column: its (lazy, translated) header, how to get the value from a row, and its
    kind: text, year (a number never grouped), integer, decimal, money (a Decimal in major
    units), date or datetime."""

    header: object
    get: Callable
    kind: str = "text"
    places: Callable | None = None  # money: decimal places of the row's currency


def safe_text(value):
    """Neutralise spreadsheet formulas in text a member typed (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_value(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return ""
    return safe_text(value) if isinstance(value, str) else value


def _csv(columns: list[Column], rows: Iterable) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([str(c.header) for c in columns])
    for row in rows:
        writer.writerow([_csv_value(c.get(row)) for c in columns])
    return buffer.getvalue().encode("utf-8")


def _cell_format(column: Column, row, language: str) -> str | None:
    if column.kind == "money" and column.places is not None:
        return MONEY_FORMATS.get(column.places(row), "#,##0.00")
    if column.kind == "date":
        return DATE_FORMATS.get(language, "dd/mm/yyyy")
    if column.kind == "datetime":
        return DATETIME_FORMATS.get(language, "dd/mm/yyyy hh:mm")
    return NUMBER_FORMATS.get(column.kind)


def _xlsx_value(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return value.replace(tzinfo=None)  # spreadsheets have no zones: wall-clock time
    if isinstance(value, Decimal):
        return value
    return safe_text(value) if isinstance(value, str) else value


def _xlsx(columns: list[Column], rows: Iterable, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    language = (translation.get_language() or "ar")[:2]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.sheet_view.rightToLeft = direction(language) == "rtl"
    sheet.append([str(c.header) for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([_xlsx_value(c.get(row)) for c in columns])
        for cell, column in zip(sheet[sheet.max_row], columns, strict=True):
            number_format = _cell_format(column, row, language)
            if number_format and cell.value is not None:
                cell.number_format = number_format
    for index, column in enumerate(columns, start=1):
        width = 12 if column.kind != "text" else 28
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(
    *, fmt: str, columns: list[Column], rows: Iterable, name: str, title: str | Promise
) -> HttpResponse:
    """`rows` as `<name>-<date>.<fmt>`; an unknown format is a 404."""
    if fmt == "csv":
        response = HttpResponse(_csv(columns, rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(_xlsx(columns, rows, str(title)), content_type=XLSX_TYPE)
    else:
        raise Http404
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response

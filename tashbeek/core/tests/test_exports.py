"""Exports read back with openpyxl and csv: real numbers and dates, translated headers and
values, right-to-left sheets for Arabic and Hebrew, a frozen header, formulas neutralised."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from tashbeek.events import services as event_services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_on_commit")]


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def _csv(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("language", "rtl", "header"),
    [
        ("ar", True, "المبلغ"),
        ("he", True, "סכום"),
        ("fr", False, "Montant"),
        ("en", False, "Amount"),
    ],
)
def test_dues_sheet_has_numbers_dates_labels_and_direction(
    client, due, committee_member, language, rtl, header
):
    from django.utils import timezone, translation

    code = due.status_on(timezone.localdate())
    with translation.override(language):
        status = str(type(due).Status(code).label)
    client.force_login(committee_member)
    client.cookies["tashbeek_language"] = language
    sheet = _sheet(client.get("/members/dues/export.xlsx"))
    assert sheet.sheet_view.rightToLeft is rtl
    assert sheet.freeze_panes == "A2"
    headers = [c.value for c in sheet[1]]
    assert header in headers and "amount" not in headers and "due_on" not in headers
    row = dict(zip(headers, sheet[2], strict=True))
    amount = row[header]
    assert amount.value == 17500 and not isinstance(amount.value, str)  # a number, summable
    assert amount.number_format == "#,##0.00"
    due_on = [c for c in sheet[2] if isinstance(c.value, datetime.datetime)]
    assert [c.value.date() for c in due_on] == [datetime.date(2026, 3, 31)]
    assert due_on[0].number_format in ("dd/mm/yyyy", "dd.mm.yyyy")
    values = [c.value for c in sheet[2]]
    assert status in values and code not in values  # the status is a label, not a code


def test_dues_csv_is_plain_translated_and_formula_safe(client, due, committee_member):
    due.organisation.names = {"ar": '=HYPERLINK("http://x")'}
    due.organisation.save()
    client.force_login(committee_member)
    client.cookies["tashbeek_language"] = "en"
    rows = _csv(client.get("/members/dues/export.csv?year=2026"))
    assert rows[0][:3] == ["Member", "Country", "Year"]
    assert rows[1][0].startswith("'=")
    assert rows[1][2] == "2026" and rows[1][6] == "17500.00" and rows[1][10] == "2026-03-31"
    assert client.get("/members/dues/export.pdf").status_code == 404


def test_the_directory_exports_what_the_public_directory_shows(client, aourir, other_member):
    client.cookies["tashbeek_language"] = "fr"
    sheet = _sheet(client.get("/members/export.xlsx?country=MA"))
    names = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Commune d'Aourir"]
    headers = [c.value for c in sheet[1]]
    population = sheet.cell(row=2, column=headers.index("Population") + 1)
    assert population.value == 35000 and population.number_format == "#,##0"
    rows = _csv(client.get("/members/export.csv"))
    assert len(rows) == 3
    assert client.get("/members/export.pdf").status_code == 404
    page = client.get("/members/?country=MA").content.decode()
    assert 'href="/members/export.xlsx?country=MA"' in page


def test_event_participants_and_attendance_for_organisers_only(
    client, event, coordinator, staff_aourir, aourir, resident
):
    registration = event_services.registration_create(
        event=event, user=staff_aourir, organisation=aourir
    )
    event_services.attendance_record(event=event, by=coordinator, present_ids={registration.pk})
    client.force_login(resident)
    assert client.get(f"/events/{event.pk}/participants.xlsx").status_code == 403
    client.force_login(coordinator)
    client.cookies["tashbeek_language"] = "ar"
    sheet = _sheet(client.get(f"/events/{event.pk}/participants.xlsx"))
    assert sheet.sheet_view.rightToLeft is True
    (row,) = list(sheet.iter_rows(min_row=2, values_only=True))
    assert row[0] == staff_aourir.full_name and row[2] == "جماعة أورير"
    registered = row[4]
    local = registration.queued_at.astimezone(event.zone).replace(tzinfo=None, microsecond=0)
    assert registered.replace(microsecond=0) == local  # the event's wall clock, as on its page
    attendance = _csv(client.get(f"/events/{event.pk}/attendance.csv"))
    assert attendance[1] == ["جماعة أورير", "1"]

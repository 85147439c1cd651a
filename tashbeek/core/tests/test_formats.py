"""A date, a time, a range and an amount in each language, as its readers write them."""

import datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format

from tashbeek.core.dates import format_span
from tashbeek.core.money import format_money

START = datetime.datetime(2026, 12, 4, 20, 0, tzinfo=datetime.UTC)  # 22:00 in Hebron


@pytest.mark.parametrize(
    ("language", "date", "span", "money", "millimes"),
    [
        ("ar", "4 ديسمبر 2026", "4 ديسمبر 2026، 22:00–23:30", "1250,50 MAD", "1250,500 TND"),
        ("he", "4 בדצמבר 2026", "4 בדצמבר 2026, 22:00–23:30", "1,250.50 MAD", "1,250.500 TND"),
        ("fr", "4 décembre 2026", "4 décembre 2026, 22:00–23:30", "1 250,50 MAD", "1 250,500 TND"),
        ("en", "4 December 2026", "4 December 2026, 22:00–23:30", "1,250.50 MAD", "1,250.500 TND"),
    ],
)
def test_date_time_range_and_money(language, date, span, money, millimes):
    with translation.override(language):
        local = START.astimezone(datetime.timezone(datetime.timedelta(hours=2)))
        assert date_format(local, "DATE_FORMAT") == date
        assert date_format(local, "TIME_FORMAT") == "22:00"
        end = START + datetime.timedelta(minutes=90)
        assert format_span(START, end, "Asia/Hebron") == span
        assert format_money(125_050, "MAD").replace("\xa0", " ") == money
        assert format_money(1_250_500, "TND").replace("\xa0", " ") == millimes

"""Dates in words: « 1er décembre » in French, English dates in English, Paris time."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from places.dates import long_date


@pytest.mark.parametrize(
    ("options", "first", "second"),
    [
        ({}, "1er décembre 2025", "2 décembre 2025"),
        ({"year": False}, "1er décembre", "2 décembre"),
        ({"weekday": True}, "lundi 1er décembre 2025", "mardi 2 décembre 2025"),
        ({"weekday": True, "year": False}, "lundi 1er décembre", "mardi 2 décembre"),
    ],
)
def test_the_first_day_of_a_month_is_written_1er_in_french(options, first, second):
    with translation.override("fr"):
        assert long_date(date(2025, 12, 1), **options) == first
        assert long_date(date(2025, 12, 2), **options) == second


def test_english_dates_stay_english():
    with translation.override("en"):
        assert long_date(date(2025, 12, 1)) == "1 December 2025"
        assert long_date(date(2025, 12, 1), weekday=True, year=False) == "Monday 1 December"


def test_an_aware_time_is_dated_in_paris():
    # 23:30 in London on 30 November is already 1 December in Paris.
    with translation.override("fr"):
        assert long_date(datetime(2025, 11, 30, 23, 30, tzinfo=UTC)) == "1er décembre 2025"


def test_templates_write_dates_with_the_same_helper():
    template = Template("{% load places_tags %}{{ day|long_date }}|{{ nothing|long_date }}")
    with translation.override("fr"):
        assert template.render(Context({"day": date(2026, 1, 1)})) == "1er janvier 2026|"

"""Opening hours (OSM `opening_hours`): validation, "open now", the words and the week."""

from datetime import UTC, date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from places import hours
from places.hours import PARIS

OFFICE = "Mo-Fr 09:00-12:00,14:00-18:00"
WEEKDAYS_NO_HOLIDAYS = "Mo-Fr 09:00-18:00; PH off"
SEASONS = "Apr-Oct Sa,Su 10:00-18:00; Nov-Mar Sa 14:00-17:00"


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def _french():
    with override("fr"):
        yield


# --- Validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        OFFICE,
        WEEKDAYS_NO_HOLIDAYS,
        SEASONS,
        "24/7",
        "Fr 22:00-02:00",
        "Sa[1] 09:00-12:00",
        'Mo-Fr 09:00-12:00 "sur rendez-vous"',
        "Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00; PH off",
    ],
)
def test_validation_accepts_well_formed_expressions(text):
    assert hours.validate_opening_hours(text) is None


@pytest.mark.parametrize(
    "text",
    ["Lu-Ve 9h-18h", "Mo-Fr 25:00-26:00", "Mo-Fr 09:00-", "ouvert le matin", "Mo-Fr 09:00-12:00;;"],
)
def test_validation_rejects_malformed_expressions_with_a_french_message(text):
    with pytest.raises(ValidationError) as error:
        hours.validate_opening_hours(text)

    assert error.value.code == "invalid_opening_hours"
    assert "ne suivent pas la syntaxe OpenStreetMap" in error.value.messages[0]
    assert "Mo-Fr 09:00-12:00,14:00-18:00" in error.value.messages[0]


# --- Open or closed at a given time -----------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (paris(2026, 1, 5, 10, 0), True),  # a Monday morning
        (paris(2026, 1, 5, 13, 0), False),  # the lunch break
        (paris(2026, 1, 5, 14, 30), True),
        (paris(2026, 1, 5, 18, 0), False),  # the end of a slot is closed
        (paris(2026, 1, 5, 8, 59), False),
        (paris(2026, 1, 10, 10, 0), False),  # a Saturday
    ],
)
def test_is_open_follows_the_slots_of_the_day(moment, expected):
    assert hours.is_open(OFFICE, moment) is expected


def test_is_open_reads_the_time_in_paris_whatever_its_time_zone():
    # 08:30 UTC in January is 09:30 in Paris: open; read as UTC it would be closed.
    assert hours.is_open(OFFICE, datetime(2026, 1, 5, 8, 30, tzinfo=UTC)) is True
    # 16:30 UTC in July is 18:30 in Paris (summer time): closed.
    assert hours.is_open(OFFICE, datetime(2026, 7, 6, 16, 30, tzinfo=UTC)) is False


def test_is_open_takes_a_naive_time_as_paris_time():
    assert hours.is_open(OFFICE, datetime(2026, 1, 5, 9, 30)) is True
    assert hours.is_open(OFFICE, datetime(2026, 1, 5, 12, 30)) is False


def test_is_open_is_false_for_no_hours_and_for_unparsable_hours():
    assert hours.is_open("", paris(2026, 1, 5, 10, 0)) is False
    assert hours.is_open("ouvert le matin", paris(2026, 1, 5, 10, 0)) is False


@pytest.mark.parametrize(
    ("holiday", "day_before"),
    [
        (date(2026, 12, 25), date(2026, 12, 24)),  # Noël, a Friday
        (date(2026, 7, 14), date(2026, 7, 13)),  # fête nationale, a Tuesday
        (date(2026, 5, 1), date(2026, 4, 30)),  # fête du Travail, a Friday
    ],
)
def test_french_public_holidays_close_a_place_open_the_day_before(holiday, day_before):
    at_ten = time(10, 0)

    assert hours.is_open(WEEKDAYS_NO_HOLIDAYS, datetime.combine(holiday, at_ten, PARIS)) is False
    assert hours.is_open(WEEKDAYS_NO_HOLIDAYS, datetime.combine(day_before, at_ten, PARIS)) is True


def test_seasonal_hours_open_on_a_summer_sunday():
    assert hours.is_open(SEASONS, paris(2026, 7, 12, 11, 0)) is True


def test_seasonal_hours_close_on_a_winter_sunday():
    assert hours.is_open(SEASONS, paris(2026, 1, 4, 11, 0)) is False


def test_seasonal_hours_open_a_winter_saturday_afternoon_only():
    assert hours.is_open(SEASONS, paris(2026, 1, 3, 15, 0)) is True
    assert hours.is_open(SEASONS, paris(2026, 1, 3, 11, 0)) is False


def test_first_saturday_of_the_month_is_open_and_the_second_is_not():
    assert hours.is_open("Sa[1] 09:00-12:00", paris(2026, 2, 7, 10, 0)) is True
    assert hours.is_open("Sa[1] 09:00-12:00", paris(2026, 2, 14, 10, 0)) is False


# --- Status in words --------------------------------------------------------------------------


def test_status_of_an_open_place_says_when_it_closes():
    status = hours.status("Mo-Fr 09:00-18:00", paris(2026, 1, 5, 10, 0))

    assert status.state == "open"
    assert status.is_open is True
    assert status.label == "Ouvert maintenant"
    assert status.next_label == "ferme à 18 h"
    assert status.next_change == paris(2026, 1, 5, 18, 0)


def test_status_of_a_place_closed_for_the_evening_says_it_opens_tomorrow():
    status = hours.status("Mo-Fr 09:00-18:00", paris(2026, 1, 5, 19, 0))

    assert status.state == "closed"
    assert status.is_open is False
    assert status.label == "Fermé"
    assert status.next_label == "ouvre demain à 9 h"


def test_status_names_the_weekday_of_an_opening_within_the_week():
    friday_evening = paris(2026, 1, 9, 19, 0)

    assert hours.status("Mo-Fr 09:00-18:00", friday_evening).next_label == "ouvre lundi à 9 h"


def test_status_gives_the_date_of_an_opening_more_than_a_week_away():
    winter_break = "Mo-Fr 09:00-18:00; Dec 21-Jan 04 off"

    status = hours.status(winter_break, paris(2026, 12, 22, 10, 0))

    assert status.next_change == paris(2027, 1, 5, 9, 0)
    assert status.next_label == "ouvre le 5 janvier à 9 h"


def test_status_writes_the_first_of_the_month_as_french_does():
    status = hours.status("Mo-Su 10:00-12:00; Dec 02-Dec 31 off", paris(2026, 12, 2, 9, 0))

    assert status.next_label == "ouvre le 1er janvier à 10 h"


def test_status_gives_the_year_of_an_opening_more_than_months_away():
    status = hours.status("2099 Mo 10:00-12:00", paris(2026, 1, 5, 10, 0))

    assert status.next_label == "ouvre le 5 janvier 2099 à 10 h"


def test_status_writes_half_hours_the_french_way():
    status = hours.status("Mo-Fr 09:00-12:30,14:00-18:00", paris(2026, 1, 5, 10, 0))

    assert status.next_label == "ferme à 12 h 30"


def test_a_place_open_until_midnight_closes_at_midnight_not_tomorrow():
    status = hours.status("Mo-Fr 08:00-24:00", paris(2026, 1, 5, 20, 0))

    assert status.next_label == "ferme à minuit"


def test_clock_writes_hours_and_minutes_as_french_typography_does():
    assert hours.clock(time(9, 0)) == "9 h"
    assert hours.clock(time(12, 30)) == "12 h 30"
    assert hours.clock(time(9, 5)) == "9 h 05"
    assert hours.clock(paris(2026, 1, 6, 0, 0)) == "minuit"


def test_status_of_a_place_always_open_has_no_next_change():
    status = hours.status("24/7", paris(2026, 1, 5, 3, 0))

    assert status.label == "Ouvert maintenant"
    assert status.next_change is None
    assert status.next_label == ""


def test_status_of_hours_marked_unknown_asks_for_confirmation():
    status = hours.status("Mo-Fr 09:00-18:00 unknown", paris(2026, 1, 5, 10, 0))

    assert status.state == "unknown"
    assert status.label == "Horaires à confirmer"
    assert status.is_open is False


def test_status_is_none_without_hours():
    assert hours.status("", paris(2026, 1, 5, 10, 0)) is None


def test_status_of_unparsable_stored_hours_is_unknown_rather_than_an_error():
    status = hours.status("ouvert le matin", paris(2026, 1, 5, 10, 0))

    assert status.state == "unknown"
    assert status.label == "Horaires à confirmer"
    assert status.next_label == ""


# --- The week ---------------------------------------------------------------------------------


def test_week_gives_seven_days_from_the_given_date_with_their_slots():
    week = hours.week("Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00", date(2026, 1, 5))

    assert [day.day for day in week] == [date(2026, 1, n) for n in range(5, 12)]
    monday, saturday, sunday = week[0], week[5], week[6]
    assert monday.slots == [
        (paris(2026, 1, 5, 9, 0), paris(2026, 1, 5, 12, 0)),
        (paris(2026, 1, 5, 14, 0), paris(2026, 1, 5, 18, 0)),
    ]
    assert monday.words == "9 h – 12 h, 14 h – 18 h"
    assert monday.label == "lundi 5 janvier"
    assert saturday.slots == [(paris(2026, 1, 10, 10, 0), paris(2026, 1, 10, 12, 0))]
    assert sunday.slots == []
    assert sunday.words == "fermé"


def test_week_can_start_on_any_day_and_span_another_number_of_days():
    week = hours.week(OFFICE, date(2026, 1, 10), days=3)

    assert [day.day for day in week] == [date(2026, 1, 10), date(2026, 1, 11), date(2026, 1, 12)]
    assert [len(day.slots) for day in week] == [0, 0, 2]


def test_week_shows_no_slot_on_a_public_holiday():
    week = hours.week(WEEKDAYS_NO_HOLIDAYS, date(2026, 12, 21))

    by_day = {day.day: day for day in week}
    assert by_day[date(2026, 12, 25)].slots == []
    assert by_day[date(2026, 12, 24)].slots == [
        (paris(2026, 12, 24, 9, 0), paris(2026, 12, 24, 18, 0))
    ]


def test_week_splits_an_overnight_slot_across_two_days():
    week = hours.week("Fr 22:00-02:00", date(2026, 1, 5))

    friday, saturday = week[4], week[5]
    assert friday.slots == [(paris(2026, 1, 9, 22, 0), paris(2026, 1, 10, 0, 0))]
    assert saturday.slots == [(paris(2026, 1, 10, 0, 0), paris(2026, 1, 10, 2, 0))]
    assert friday.words == "22 h – minuit"
    assert [day.slots for day in week if day not in (friday, saturday)] == [[]] * 5


def test_week_starting_the_morning_after_keeps_the_end_of_the_night():
    week = hours.week("Fr 22:00-02:00", date(2026, 1, 10), days=1)

    assert week[0].slots == [(paris(2026, 1, 10, 0, 0), paris(2026, 1, 10, 2, 0))]


def test_week_shows_the_first_saturday_of_the_month_only():
    first_week = hours.week("Sa[1] 09:00-12:00", date(2026, 2, 2))
    second_week = hours.week("Sa[1] 09:00-12:00", date(2026, 2, 9))

    assert first_week[5].slots == [(paris(2026, 2, 7, 9, 0), paris(2026, 2, 7, 12, 0))]
    assert all(day.slots == [] for day in second_week)


def test_week_follows_the_seasons():
    summer = hours.week(SEASONS, date(2026, 7, 6))
    winter = hours.week(SEASONS, date(2026, 1, 5))

    assert summer[6].words == "10 h – 18 h"  # Sunday
    assert winter[5].words == "14 h – 17 h"  # Saturday
    assert winter[6].words == "fermé"  # Sunday


def test_week_keeps_local_hours_across_the_change_to_summer_time():
    week = hours.week("Mo-Su 09:00-18:00", date(2026, 3, 28), days=3)  # clocks change on the 29th

    assert [day.words for day in week] == ["9 h – 18 h"] * 3
    assert week[0].slots[0][0].utcoffset().total_seconds() == 3600
    assert week[1].slots[0][0].utcoffset().total_seconds() == 7200


def test_week_keeps_the_comment_of_a_slot():
    week = hours.week('Mo-Fr 09:00-12:00 "sur rendez-vous"', date(2026, 1, 5))

    assert week[0].comments == ["sur rendez-vous"]
    assert week[5].comments == []


def test_day_label_writes_the_first_of_the_month_as_1er():
    assert hours.Day(date(2026, 1, 1), [], []).label == "jeudi 1er janvier"


def test_week_is_empty_without_hours_or_with_unparsable_hours():
    assert hours.week("", date(2026, 1, 5)) == []
    assert hours.week("ouvert le matin", date(2026, 1, 5)) == []

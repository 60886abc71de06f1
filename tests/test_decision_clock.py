"""Open-now from UK wall-clock time: British Summer Time and England and Wales bank holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from navigator.decision.clock import bank_holidays, open_now, uk_wall_clock

WEEKDAYS_9_TO_5 = {
    "text": "9-5",
    "weekly": [{"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "17:00"}],
}


def test_bank_holidays_2026_as_published() -> None:
    assert sorted(bank_holidays(2026)) == [
        dt.date(2026, 1, 1),
        dt.date(2026, 4, 3),
        dt.date(2026, 4, 6),
        dt.date(2026, 5, 4),
        dt.date(2026, 5, 25),
        dt.date(2026, 8, 31),
        dt.date(2026, 12, 25),
        dt.date(2026, 12, 28),  # Boxing Day is a Saturday
    ]


@pytest.mark.parametrize(
    ("year", "christmas_days"),
    [
        (2021, {dt.date(2021, 12, 27), dt.date(2021, 12, 28)}),  # Saturday Christmas
        (2022, {dt.date(2022, 12, 26), dt.date(2022, 12, 27)}),  # Sunday Christmas
        (2025, {dt.date(2025, 12, 25), dt.date(2025, 12, 26)}),
    ],
)
def test_christmas_substitute_days(year: int, christmas_days: set[dt.date]) -> None:
    assert {day for day in bank_holidays(year) if day.month == 12} == christmas_days


def test_new_year_and_easter_substitutes() -> None:
    assert dt.date(2022, 1, 3) in bank_holidays(2022)  # 1 January 2022 was a Saturday
    assert {dt.date(2025, 4, 18), dt.date(2025, 4, 21)} <= bank_holidays(2025)


def test_offsets_are_converted_to_uk_time() -> None:
    summer = dt.datetime(2026, 7, 15, 12, 30, tzinfo=dt.UTC)
    winter = dt.datetime(2026, 1, 15, 12, 30, tzinfo=dt.UTC)
    assert uk_wall_clock(summer) == dt.datetime(2026, 7, 15, 13, 30)
    assert uk_wall_clock(winter) == dt.datetime(2026, 1, 15, 12, 30)
    assert uk_wall_clock(dt.datetime(2026, 3, 29, 0, 59, tzinfo=dt.UTC)).hour == 0
    assert uk_wall_clock(dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.UTC)).hour == 2
    naive = dt.datetime(2026, 7, 15, 12, 30)
    assert uk_wall_clock(naive) == naive


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-23T09:00", True),  # Monday, opening minute
        ("2026-11-23T16:59", True),
        ("2026-11-23T17:00", False),  # closing minute
        ("2026-11-22T12:00", False),  # Sunday
        ("2026-12-25T12:00", None),  # bank holiday, the source says nothing about them
    ],
)
def test_open_now(moment: str, expected: bool | None) -> None:
    assert open_now(WEEKDAYS_9_TO_5, dt.datetime.fromisoformat(moment)) is expected


def test_open_now_unknowns() -> None:
    monday = dt.datetime(2026, 11, 23, 11, 0)
    assert open_now(None, monday) is None
    assert open_now(WEEKDAYS_9_TO_5, None) is None
    assert open_now({"text": "always", "always": True}, monday) is True
    days_unknown = {"text": "10-1", "weekly": [{"opens": "10:00", "closes": "13:00"}]}
    assert open_now(days_unknown, monday) is None
    assert open_now(days_unknown, monday.replace(hour=14)) is False
    closed_on_holidays = {**WEEKDAYS_9_TO_5, "bank_holidays": "closed"}
    assert open_now(closed_on_holidays, dt.datetime(2026, 8, 31, 11, 0)) is False
    open_on_holidays = {**WEEKDAYS_9_TO_5, "bank_holidays": "open"}
    assert open_now(open_on_holidays, dt.datetime(2026, 8, 31, 11, 0)) is True

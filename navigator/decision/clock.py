"""UK wall-clock time, England and Wales bank holidays, and whether a contact is open now."""

from __future__ import annotations

import datetime as dt
from typing import Any

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def uk_wall_clock(moment: dt.datetime) -> dt.datetime:
    """A naive datetime is already UK time; an aware one is converted (GMT, or BST in summer)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment
    utc = moment.astimezone(dt.UTC).replace(tzinfo=None)
    start = _last_sunday(utc.year, 3).replace(hour=1)  # BST runs 01:00 UTC, last Sunday of March,
    end = _last_sunday(utc.year, 10).replace(hour=1)  # to 01:00 UTC, last Sunday of October
    return utc + dt.timedelta(hours=1) if start <= utc < end else utc


def _last_sunday(year: int, month: int) -> dt.datetime:
    last = dt.datetime(year, month + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


def bank_holidays(year: int) -> set[dt.date]:
    """England and Wales bank holidays by the standing rules (one-off extra days are not known)."""
    easter = _easter(year)
    christmas, boxing = dt.date(year, 12, 25), dt.date(year, 12, 26)
    days = {
        _substitute(dt.date(year, 1, 1)),
        easter - dt.timedelta(days=2),
        easter + dt.timedelta(days=1),
        _first_monday(year, 5),
        _last_monday(year, 5),
        _last_monday(year, 8),
    }
    two_days = dt.timedelta(days=2)
    if christmas.weekday() == 5:  # Saturday Christmas, Sunday Boxing Day: Monday and Tuesday
        days |= {christmas + two_days, boxing + two_days}
    elif christmas.weekday() == 6:  # Sunday Christmas: Boxing Day Monday, Christmas on Tuesday
        days |= {boxing, christmas + two_days}
    elif boxing.weekday() == 5:  # Friday Christmas, Saturday Boxing Day: Monday
        days |= {christmas, boxing + two_days}
    else:
        days |= {christmas, boxing}
    return days


def _substitute(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def _first_monday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=last.weekday())


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def open_now(hours: dict[str, Any] | None, now: dt.datetime | None) -> bool | None:
    """True or False from the machine-readable hours; None whenever the answer is not known."""
    if hours is None or now is None:
        return None
    if hours.get("always"):
        return True
    weekly = hours.get("weekly")
    if not weekly:
        return None
    local = uk_wall_clock(now)
    if local.date() in bank_holidays(local.year) and hours.get("bank_holidays") != "open":
        return False if hours.get("bank_holidays") == "closed" else None
    clock = local.strftime("%H:%M")
    day = DAYS[local.weekday()]
    unknown_days = False
    for period in weekly:
        if not period["opens"] <= clock < period["closes"]:
            continue
        if "days" not in period:
            unknown_days = True
        elif day in period["days"]:
            return True
    return None if unknown_days else False

"""Checks on how the service is reached: opening hours, child-protection routes, review date, conflicts."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import Any

Found = Iterator[tuple[tuple[str | int, ...], str, str]]


def hours_problems(document: dict[str, Any]) -> Found:
    """Opening periods close after they open; periods without days say why."""
    for index, contact in enumerate(document.get("contacts", [])):
        hours = contact.get("hours")
        if not hours:
            continue
        for number, period in enumerate(hours.get("weekly", [])):
            path = ("contacts", index, "hours", "weekly", number)
            if period["closes"] <= period["opens"]:
                yield path, f"closes ({period['closes']}) must be after opens ({period['opens']})", "error"
            if "days" not in period and "note" not in hours:
                yield path, "no days given: add hours.note saying the source does not state the days", "error"


def child_protection_problems(document: dict[str, Any]) -> Found:
    """Every area has a child-protection route with an urgent phone line: the urgent route must exist."""
    phones = {
        contact["id"] for contact in document.get("contacts", []) if contact["urgent"] and "phone" in contact
    }
    for index, area in enumerate(document["areas"]):
        routes = [
            route
            for route in document.get("routes", [])
            if route["kind"] == "child_protection" and route.get("area") in (None, area["id"])
        ]
        if not any(phones.intersection(route.get("contacts", [])) for route in routes):
            message = (
                f"area '{area['id']}' has no child_protection route with an urgent phone contact: "
                "practitioners must always be shown who to ring"
            )
            yield ("areas", index), message, "error"


def month_end(text: str) -> dt.date:
    """The last day a YYYY-MM or YYYY-MM-DD date covers."""
    year, month, *day = (int(part) for part in text.split("-"))
    return dt.date(year, month, day[0] if day else calendar.monthrange(year, month)[1])


def review_date_problems(document: dict[str, Any], today: dt.date) -> Found:
    """Warn when the document's review date has passed."""
    review = document["partnership"]["review_date"]
    if review != "not stated" and month_end(review) < today:
        message = (
            f"review date {review} has passed (today is {today.isoformat()}): "
            "check with the partnership that this is still the current document"
        )
        yield ("partnership", "review_date"), message, "warning"


def conflict_warnings(document: dict[str, Any]) -> Found:
    """List every recorded disagreement between sources, with each reading and its source."""
    for index, conflict in enumerate(document.get("conflicts", [])):
        readings = "; ".join(
            f'{reading["source"]["document"]} ({reading["source"]["section"]}): "{reading["text"]}"'
            for reading in conflict["readings"]
        )
        yield ("conflicts", index), f"sources disagree on {conflict['topic']}: {readings}", "warning"

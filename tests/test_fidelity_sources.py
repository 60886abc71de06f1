"""Every indicator's text stands word for word in the source it cites (when ../shared/sources is present).

CI always has ../shared beside the clone, so this runs there; a user's clone without it skips it, and the
hand-counted expectations in the per-partnership fidelity tests still run.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from navigator.model.catalogue import load_all
from tests.conftest import THRESHOLDS
from tests.fidelity import SOURCES, flat


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside this clone")
def test_every_indicator_occurs_verbatim_in_its_source() -> None:
    missing = []
    for partnership in load_all(THRESHOLDS, dt.date(2026, 1, 1)):
        files = {source["id"]: source["file"] for source in partnership.document["partnership"]["sources"]}
        texts = {name: flat((SOURCES / name).read_text(encoding="utf-8")) for name in set(files.values())}
        for item in partnership.document.get("indicators", []):
            if flat(item["text"]) not in texts[files[item["source"]["document"]]]:
                missing.append(f"{partnership.id}/{item['id']}: {item['text']}")
    assert missing == []


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside this clone")
def test_every_phone_number_occurs_in_its_source() -> None:
    for partnership in load_all(THRESHOLDS, dt.date(2026, 1, 1)):
        files = {source["id"]: source["file"] for source in partnership.document["partnership"]["sources"]}
        for contact in partnership.document["contacts"]:
            if "phone" not in contact:
                continue
            digits = re.sub(
                r"\D", "", (SOURCES / files[contact["source"]["document"]]).read_text(encoding="utf-8")
            )
            assert re.sub(r"\D", "", contact["phone"]) in digits, contact["id"]

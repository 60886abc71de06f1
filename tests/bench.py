"""`make bench`: placeholder until the benchmarks issue; times validation and the site build once."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
import time
from pathlib import Path

from navigator.model.catalogue import REPOSITORY_THRESHOLDS, load_all

REPOSITORY = Path(__file__).resolve().parents[1]


def main() -> None:
    """Print how long validating thresholds/ and building the handbook take on this machine."""
    started = time.perf_counter()
    partnerships = load_all(REPOSITORY_THRESHOLDS, dt.date.today())
    validated = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        subprocess.run(
            [str(REPOSITORY / ".venv/bin/mkdocs"), "build", "--strict", "--quiet", "--site-dir", folder],
            cwd=REPOSITORY,
            check=True,
        )
        built = time.perf_counter() - started
    print(f"validate {len(partnerships)} partnership(s): {validated:.2f} s")
    print(f"mkdocs build --strict: {built:.2f} s")
    print("(placeholder: the benchmarks issue adds scaling runs, medians and page-weight budgets)")


if __name__ == "__main__":
    main()

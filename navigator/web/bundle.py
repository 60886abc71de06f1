"""The decision package as a zip for Pyodide: the very files pytest imports, byte for byte.

Deterministic (sorted names, fixed timestamps), so the same source always gives the same zip and the
service worker's cache key changes only when the Python changes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # navigator/
FILES = ("__init__.py", "decision/*.py")
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def package_files(root: Path = PACKAGE_ROOT) -> list[tuple[str, Path]]:
    """(name in the zip, file) for navigator/__init__.py and every module of navigator/decision/."""
    found = []
    for pattern in FILES:
        found += [
            (f"navigator/{path.relative_to(root).as_posix()}", path) for path in sorted(root.glob(pattern))
        ]
    return found


def decision_zip(root: Path = PACKAGE_ROOT) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, path in package_files(root):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]

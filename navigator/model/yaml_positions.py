"""Read one YAML file into plain data, remembering where every key and value starts.

Dates stay strings (YAML timestamps are not resolved), duplicate keys are errors, and every failure
becomes a Problem naming the file, line, column and key rather than a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from navigator.model.problems import DataError, KeyPath, Position, Problem, key_text

# libyaml's parser when PyYAML has it (the PyPI wheels do): the same nodes and marks, several times faster
# than the pure-Python one, which was a third of the build's time (`make bench`, docs/performance.md).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[valid-type,misc]
    """A safe loader that leaves dates as text, so the data stays plain JSON."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class LoadedFile:
    """A YAML file's data with the position of every value (by key path) and of every mapping key."""

    path: Path
    data: Any = None
    values: dict[KeyPath, Position] = field(default_factory=dict)
    keys: dict[KeyPath, Position] = field(default_factory=dict)

    def position(self, path: KeyPath, *, of_key: bool = False) -> Position:
        """The position of the value (or of its key) at path, or of its nearest recorded parent."""
        table = self.keys if of_key and path in self.keys else self.values
        for length in range(len(path), -1, -1):
            if path[:length] in table:
                return table[path[:length]]
        return Position(self.path, 1, 1)


def load_yaml_file(path: Path) -> LoadedFile:
    """Parse path; raise DataError for unreadable, non-UTF-8, empty or malformed YAML."""
    start = Position(path, 1, 1)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError([Problem(start, "", f"cannot read file: {error.strerror}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        message = f"file is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8"
        raise DataError([Problem(Position(path, line, column), "", message)]) from None
    loaded = LoadedFile(path)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataError([Problem(start, "", "file is empty: it must hold at least one top-level key")])
        loaded.data = _build(node, (), loaded, loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Position(path, mark.line + 1, mark.column + 1) if mark else start
        raise DataError([Problem(where, "", f"YAML syntax error: {error.problem}")]) from None
    finally:
        loader.dispose()
    return loaded


def _position(loaded: LoadedFile, node: yaml.Node) -> Position:
    return Position(loaded.path, node.start_mark.line + 1, node.start_mark.column + 1)


def _build(node: yaml.Node, path: KeyPath, loaded: LoadedFile, loader: _Loader) -> Any:
    """Turn a composed node into plain data, recording positions and refusing duplicate keys."""
    loaded.values[path] = _position(loaded, node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                message = f"keys must be text, not {type(key).__name__} {key!r}"
                raise DataError([Problem(_position(loaded, key_node), key_text(path), message)])
            if key in result:
                first = loaded.keys[(*path, key)]
                message = f"duplicate key '{key}' (first given at line {first.line})"
                raise DataError([Problem(_position(loaded, key_node), key_text((*path, key)), message)])
            loaded.keys[(*path, key)] = _position(loaded, key_node)
            result[key] = _build(value_node, (*path, key), loaded, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), loaded, loader) for index, item in enumerate(node.value)]
    return loader.construct_object(node)

"""The snapshot's shipped form (navigator/web/snapshot_form.py): the wasm's initial memory, and the stretches
of memory that differ from it."""

from __future__ import annotations

import struct

import pytest

from navigator.web import snapshot_form as form
from navigator.web.snapshot_form import RuntimeBuildError

TYPE_SECTION = bytes([1, 4, 1, 0x60, 0, 0])  # one function type, () -> (): a section the parser steps over
CUSTOM_SECTION = bytes([0, 5, 4]) + b"name"


def leb(value: int) -> bytes:
    """Unsigned LEB128."""
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def section(kind: int, content: bytes) -> bytes:
    return bytes([kind]) + leb(len(content)) + content


def data_section(*segments: bytes) -> bytes:
    return section(form.DATA_SECTION, leb(len(segments)) + b"".join(segments))


def active(offset_operand: bytes, data: bytes) -> bytes:
    """An active segment of memory 0 at `i32.const` (the operand as signed LEB128 bytes)."""
    return b"\x00" + bytes([form.I32_CONST]) + offset_operand + bytes([form.END]) + leb(len(data)) + data


def wasm(*sections: bytes) -> bytes:
    return form.WASM_MAGIC + b"".join(sections)


def test_the_initial_memory_is_the_active_segments_laid_at_their_offsets() -> None:
    module = wasm(
        TYPE_SECTION,
        data_section(
            active(b"\x04", b"abcd"),  # at 4
            active(b"\xc0\x00", b"xyz"),  # at 64: two bytes, as 0x40 alone would be -64
            active(b"\x05", b"B"),  # a later segment overwrites an earlier one, as the browser does
        ),
        CUSTOM_SECTION,
    )
    assert form.initial_memory(module, "tiny.wasm") == bytes(4) + b"aBcd" + bytes(56) + b"xyz"
    assert form.initial_memory(wasm(TYPE_SECTION), "tiny.wasm") == b""  # no data: nothing to lay out


@pytest.mark.parametrize(
    ("module", "problem"),
    [
        (wasm(data_section(b"\x01" + leb(3) + b"abc")), "a passive data segment is not understood"),
        (wasm(data_section(b"\x02\x00\x41\x00\x0b\x01a")), "a data segment of an explicit memory"),
        (wasm(data_section(b"\x00\x23\x00\x0b\x01a")), "offset is not an i32.const"),  # global.get 0
        (wasm(data_section(b"\x00\x41\x00\x41\x00\x0b\x01a")), "more than one i32.const"),
        (wasm(section(form.START_SECTION, b"\x00"), data_section()), "a start function"),
        (wasm(data_section(active(b"\x7f", b"a"))), "beyond 1 GB"),  # i32.const -1: address 2**32 - 1
        (wasm(data_section(active(b"\x04", b"abcd"))[:-2]), "the file ends early"),
        (wasm(section(form.DATA_SECTION, b"\x00\x00")), "does not match its segments"),
        (b"\x00asm\x02\x00\x00\x00", "not a WebAssembly module of version 1"),
        (b"PK\x03\x04", "the file ends early"),
    ],
)
def test_a_wasm_this_code_does_not_understand_is_refused_naming_the_file(module: bytes, problem: str) -> None:
    with pytest.raises(RuntimeBuildError, match=problem) as refused:
        form.initial_memory(module, "node_modules/pyodide/tiny.wasm")
    assert str(refused.value).startswith("node_modules/pyodide/tiny.wasm: ")


INITIAL = bytes(range(1, 201)) + b"end"  # 203 bytes, laid from byte BASE_AT
BASE_AT = 16


def memory_after_a_run() -> bytes:
    """A memory like Pyodide's snapshot: a header, the initial memory with a few bytes changed, a heap."""
    memory = bytearray(b"\x00snp" + struct.pack("<I", BASE_AT) + bytes(1 << 16))
    memory[BASE_AT : BASE_AT + len(INITIAL)] = INITIAL
    memory[BASE_AT + 100] = 0x99  # changed by Python's start
    memory[4000:4006] = b"python"  # the heap
    memory[20000:20100] = b"x" * 100
    return bytes(memory)


def records(stored: bytes) -> list[tuple[int, int]]:
    found, position = [], form.HEADER.size
    while position < len(stored):
        offset, size = form.RECORD.unpack_from(stored, position)
        found.append((offset, size))
        position += form.RECORD.size + size
    return found


def test_only_what_differs_from_the_initial_memory_is_stored_and_it_reads_back_whole() -> None:
    memory = memory_after_a_run()
    assert form.pyodide_header_length(memory) == BASE_AT
    stored = form.packed(memory, INITIAL, BASE_AT)
    assert form.unpacked(stored, INITIAL) == memory
    assert stored == form.packed(memory, INITIAL, BASE_AT)  # no time stamp: a rebuild keeps the name
    base_length = len(INITIAL) + 1  # padded to whole 32-bit words
    assert form.HEADER.unpack_from(stored)[:4] == (form.PACKED_MAGIC, len(memory), BASE_AT, base_length)
    # Pyodide's header up to its last non-zero byte, the changed byte and the heap: the initial memory's
    # other bytes and the zeros are left out; fewer than GAP equal bytes in a row stay inside a record.
    assert records(stored) == [(0, 5), (BASE_AT + 100, 1), (4000, 6), (20000, 100)]
    assert len(stored) == form.HEADER.size + 4 * form.RECORD.size + 5 + 1 + 6 + 100
    near = bytearray(memory)
    near[4010] = 1  # 4 equal bytes after "python": one record
    assert records(form.packed(bytes(near), INITIAL, BASE_AT))[2] == (4000, 11)


def test_a_memory_that_begins_or_ends_with_changes_or_zeros_reads_back_alike() -> None:
    for tail in (b"", bytes(100), b"abc", b"abc" + bytes(100)):
        memory = b"\x00snp" + struct.pack("<I", BASE_AT) + bytes(8) + INITIAL + b"\x00" + tail
        assert form.unpacked(form.packed(memory, INITIAL, BASE_AT), INITIAL) == memory
    only_initial = bytes(BASE_AT) + INITIAL + b"\x00"
    assert records(form.packed(only_initial, INITIAL, BASE_AT)) == []


def test_a_snapshot_made_from_another_wasm_is_refused() -> None:
    stored = form.packed(memory_after_a_run(), INITIAL, BASE_AT)
    other = bytearray(INITIAL)
    other[7] ^= 1
    with pytest.raises(ValueError, match="made from another wasm"):
        form.unpacked(stored, bytes(other))
    swapped = INITIAL[4:8] + INITIAL[:4] + INITIAL[8:]  # same words, other order: the weighted sum differs
    with pytest.raises(ValueError, match="made from another wasm"):
        form.unpacked(stored, swapped)
    with pytest.raises(RuntimeBuildError, match="does not fit"):
        form.packed(bytes(100), INITIAL, BASE_AT)
    with pytest.raises(RuntimeBuildError, match="no magic number"):
        form.pyodide_header_length(b"NVSN\x00\x00\x00\x00")


def header(length: int = 300) -> bytes:
    base = INITIAL + b"\x00"
    return form.HEADER.pack(form.PACKED_MAGIC, length, BASE_AT, len(base), *form.checksums(base))


@pytest.mark.parametrize(
    ("stored", "problem"),
    [
        (b"NVSN" + bytes(20), "not packed"),  # the form before this one
        (header() + struct.pack("<II", 8, 4) + b"abcd" + struct.pack("<II", 4, 1) + b"x", "at byte 4"),
        (header() + struct.pack("<II", 0, 0), "at byte 0"),
        (header() + struct.pack("<II", 298, 4) + b"abcd", "at byte 298"),
        (header() + struct.pack("<II", 0, 10) + b"abc", "ended early"),
        (header() + b"\x00\x00\x00", "ended early"),
        (header(length=100), "header is out of place"),  # the initial memory would not fit
    ],
)
def test_a_damaged_snapshot_is_refused_not_restored(stored: bytes, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        form.unpacked(stored, INITIAL)

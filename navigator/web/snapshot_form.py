"""The form the navigator's memory snapshot is shipped in: only the memory that differs from the wasm's own.

Pyodide's snapshot is a header and then the whole of the wasm's memory (31 MB). 3.2 MB of it are the wasm's
data segments, which the browser lays out anyway when it instantiates the wasm it downloads, and they come
out of Python's start almost unchanged; most of the rest is zeros. So the file holds only the stretches
where the memory differs from that initial memory (the data segments, zeros elsewhere): 8.0 MB, which the
HTTP layer compresses (compress.py's brotli copy: 2.5 MB; gzip: 3.6 MB). The worker (navigator/web/worker.js
`unpack`) copies the initial memory out of the fresh wasm instance, before any of its code has run, so the
data segments are neither downloaded twice nor parsed in the browser.

The form, numbers as little-endian unsigned 32-bit: "NVS2"; the memory's length; where the initial memory
starts in it (`base_at`: Pyodide's header comes first) and its length (`base_length`, a multiple of 4); two
checksums of the initial memory (`checksums`), which the worker compares with what it copied, so a wasm
other than the build's is refused rather than restored; then records (offset, length, that many bytes of
the memory), offsets rising. A byte no record covers is the initial memory's inside the base, zero outside.

No compression inside: brotli over the HTTP layer makes it 2.5 MB, gzip inside 3.6 MB (and brotli can do
nothing with gzip's output). A host that sends neither copy sends the 8.0 MB whole.
"""

from __future__ import annotations

import re
import struct
from itertools import accumulate

PACKED_MAGIC = b"NVS2"
HEADER = struct.Struct("<4sIIIII")  # magic, memory length, base_at, base_length, two checksums
RECORD = struct.Struct("<II")  # offset, length
# A record ends where at least GAP bytes equal the initial memory. Measured on a snapshot made before the
# free memory was zeroed (brotli quality 9): 64: 6,000 records, 8.4 MB, 2.94 MB as brotli; 16: 8.0 MB but
# 3.05 MB (each record's 8 bytes of header break brotli's matches); 256: 8.7 MB, 2.93 MB. Storing the
# difference (XOR) instead of the memory's own bytes was 0.1% smaller as brotli, and the worker could no
# longer write each record with one copy.
GAP = 64
PYODIDE_MAGIC = b"\x00snp"
WASM_MAGIC = b"\x00asm\x01\x00\x00\x00"
START_SECTION, DATA_SECTION = 8, 11
I32_CONST, END = 0x41, 0x0B
MOST_INITIAL_MEMORY = 1 << 30  # a data segment beyond 1 GB is a damaged file, not Pyodide


class RuntimeBuildError(RuntimeError):
    """The snapshot could not be made (Node or npm missing, Pyodide failed, or a wasm this code does not
    understand)."""


class _Reader:
    """The wasm's bytes, read front to back; running off the end is a damaged file, named as such."""

    def __init__(self, data: bytes, name: str) -> None:
        self.data, self.name, self.at = data, name, 0

    def refuse(self, problem: str) -> RuntimeBuildError:
        return RuntimeBuildError(f"{self.name}: {problem} (byte {self.at})")

    def byte(self) -> int:
        if self.at >= len(self.data):
            raise self.refuse("the file ends early")
        self.at += 1
        return self.data[self.at - 1]

    def unsigned(self) -> int:
        """An unsigned LEB128 number of at most 32 bits."""
        value = 0
        for shift in range(0, 35, 7):
            byte = self.byte()
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
        raise self.refuse("a number longer than 32 bits")

    def signed(self) -> int:
        """A signed LEB128 number of at most 32 bits (an i32.const's operand)."""
        value = 0
        for shift in range(0, 35, 7):
            byte = self.byte()
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value - (1 << (shift + 7)) if byte & 0x40 else value
        raise self.refuse("a number longer than 32 bits")

    def take(self, size: int) -> bytes:
        if self.at + size > len(self.data):
            raise self.refuse("the file ends early")
        self.at += size
        return self.data[self.at - size : self.at]


def initial_memory(wasm: bytes, name: str) -> bytes:
    """The wasm's memory as its data segments make it, up to the last segment's end.

    Only what the browser lays out at instantiation without running any of the wasm's code is understood:
    active segments of memory 0 at an `i32.const` offset, and no start function (it would run before the
    worker copies the memory). Anything else, such as passive segments (which the wasm's own code copies,
    in a threaded build), is refused, naming the file, rather than guessed at.
    """
    reader = _Reader(wasm, name)
    if reader.take(len(WASM_MAGIC)) != WASM_MAGIC:
        raise reader.refuse("not a WebAssembly module of version 1")
    segments: list[tuple[int, bytes]] = []
    while reader.at < len(wasm):
        section, size = reader.byte(), reader.unsigned()
        end = reader.at + size
        if section == START_SECTION:
            raise reader.refuse("a start function runs at instantiation, so the memory is not the data's")
        if section == DATA_SECTION:
            for _ in range(reader.unsigned()):
                segments.append(_active_segment(reader))
            if reader.at != end:
                raise reader.refuse("the data section's length does not match its segments")
        reader.take(end - reader.at)
    extent = max((offset + len(data) for offset, data in segments), default=0)
    if extent > MOST_INITIAL_MEMORY:
        raise RuntimeBuildError(f"{name}: a data segment ends at byte {extent}, beyond 1 GB")
    memory = bytearray(extent)
    for offset, data in segments:  # in order: a later segment overwrites an earlier one, as in the browser
        memory[offset : offset + len(data)] = data
    return bytes(memory)


def _active_segment(reader: _Reader) -> tuple[int, bytes]:
    """One data segment: (memory address, bytes). Refuses all but an active one at an i32.const offset."""
    kind = reader.unsigned()
    if kind != 0:
        what = {1: "a passive data segment", 2: "a data segment of an explicit memory"}.get(kind, "")
        raise reader.refuse(f"{what or f'a data segment of kind {kind}'} is not understood")
    if reader.byte() != I32_CONST:
        raise reader.refuse("a data segment's offset is not an i32.const")
    offset = reader.signed() & 0xFFFFFFFF  # the address is the constant read as unsigned
    if reader.byte() != END:
        raise reader.refuse("a data segment's offset is more than one i32.const")
    return offset, reader.take(reader.unsigned())


def pyodide_header_length(snapshot: bytes) -> int:
    """Where the memory starts in Pyodide's snapshot: its header's length (bytes 4 to 8)."""
    if snapshot[:4] != PYODIDE_MAGIC or len(snapshot) < 8:
        raise RuntimeBuildError("Node made no Pyodide memory snapshot (no magic number)")
    return int.from_bytes(snapshot[4:8], "little")


def checksums(base: bytes) -> tuple[int, int]:
    """Two checksums of the initial memory, the sum and the sum weighted by position of its little-endian
    32-bit words (modulo 2**32), as cheap for the worker to compute as to compare."""
    words = struct.unpack(f"<{len(base) // 4}I", base)
    weighted = sum(accumulate(reversed(words)))  # word i is in i + 1 of these running sums: weight i + 1
    return sum(words) & 0xFFFFFFFF, weighted & 0xFFFFFFFF


def _xor(left: bytes, right: bytes) -> bytes:
    size = len(left)
    return (int.from_bytes(left, "little") ^ int.from_bytes(right, "little")).to_bytes(size, "little")


def packed(memory: bytes, initial: bytes, base_at: int) -> bytes:
    """`memory` as shipped: the stretches where it differs from `initial` laid at `base_at` (zeros around).

    The same inputs give the same file, hence the same name.
    """
    base = initial + bytes(-len(initial) % 4)
    if base_at + len(base) > len(memory):
        raise RuntimeBuildError("the wasm's initial memory does not fit in the snapshot's memory")
    image = bytes(base_at) + base  # what the worker holds before any record is read
    differs = _xor(memory[: len(image)], image) + memory[len(image) :]
    parts = [HEADER.pack(PACKED_MAGIC, len(memory), base_at, len(base), *checksums(base))]
    start = 0
    for same in re.finditer(rb"\x00{%d,}" % GAP, differs):
        if same.start() > start:
            parts += [RECORD.pack(start, same.start() - start), memory[start : same.start()]]
        start = same.end()
    if start < len(memory):
        parts += [RECORD.pack(start, len(memory) - start), memory[start:]]
    return b"".join(parts)


def unpacked(stored: bytes, initial: bytes) -> bytes:
    """The memory a `packed` file holds, given the wasm's initial memory: read as worker.js reads it (the
    tests' check of the form)."""
    if len(stored) < HEADER.size or stored[:4] != PACKED_MAGIC:
        raise ValueError("the snapshot is not packed")
    _, length, base_at, base_length, *sums = HEADER.unpack_from(stored)
    if base_at < 4 or base_length % 4 or base_at + base_length > length:  # 4: Pyodide's magic number
        raise ValueError("the snapshot's header is out of place")
    base = (initial + bytes(base_length))[:base_length]
    if list(checksums(base)) != sums:
        raise ValueError("the snapshot was made from another wasm")
    memory = bytearray(length)
    memory[base_at : base_at + base_length] = base
    at, position = 0, HEADER.size
    while position < len(stored):
        if position + RECORD.size > len(stored):
            raise ValueError("the snapshot ended early")
        offset, size = RECORD.unpack_from(stored, position)
        position += RECORD.size
        if offset < at or size == 0 or offset + size > length:
            raise ValueError(f"the snapshot has a record out of place (at byte {offset})")
        if position + size > len(stored):
            raise ValueError("the snapshot ended early")
        memory[offset : offset + size] = stored[position : position + size]
        at, position = offset + size, position + size
    return bytes(memory)

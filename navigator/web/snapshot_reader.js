// The navigator worker's snapshot reader: reads the build's memory snapshot as it downloads and rebuilds
// Python's memory from it and the wasm's own initial memory. Joined before worker.js into the one worker
// script at build time (navigator/web/runtime.py `worker_script`); worker.js calls `unpack` and `watched`.

// The snapshot file (navigator/web/snapshot_form.py describes the form): a header ("NVS2", the memory's
// length, where the wasm's initial memory starts in it and its length, two checksums of it), then records
// (offset, length, then that many bytes; little-endian 32-bit numbers). A byte no record covers is the
// wasm's initial memory's (its data segments) inside that stretch, zero outside. No compression inside: the
// server sends the build's brotli or gzip copy and the browser decodes it as it arrives.
const PACKED = 0x3253564e; // "NVS2" as a little-endian 32-bit number
const HEADER_BYTES = 24;
const RECORD_BYTES = 8;

// The checksums snapshot_form.py `checksums` gives: the sum, and the sum weighted by position (from 1), of
// the little-endian 32-bit words, modulo 2**32.
function checksums(bytes) {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < words.length; i += 1) {
    sum = (sum + words[i]) >>> 0;
    weighted = (weighted + Math.imul(words[i], i + 1)) >>> 0;
  }
  return [sum, weighted];
}

// Unpacks the snapshot. `memory` resolves with the whole array as soon as the header is in: Pyodide needs
// only its length to compile and instantiate its wasm. The records are read once `compiling` resolves (the
// wasm compiles on other threads meanwhile; reading before would hold up this thread, which Pyodide's
// module needs to get that far), each written in place as it arrives. `instantiated` is called with the
// wasm's memory once it is instantiated, before any of its code has run: it then holds exactly what the
// wasm's data segments give, and the stretch the header names is copied out. `filled` resolves once every
// record is in place and that copy fills the bytes between them (its checksums checked: a wasm other than
// the build's is refused); Pyodide restores the memory only after that (`fsInit` holds its start until
// then). Pyodide's own magic number (the first 4 bytes) is written last: a snapshot that failed half way
// reads as no snapshot and Pyodide refuses it. `giveUp` ends the wait for the wasm when Pyodide failed first
// (with the error `stopped`).
function unpack(url, compiling) {
  let header;
  const memory = new Promise((resolve, reject) => (header = { resolve, reject }));
  let initial;
  const copied = new Promise((resolve, reject) => (initial = { resolve, reject }));
  copied.catch(() => undefined); // its failure is `filled`'s, reported there
  let form = null; // the header's numbers
  const instantiated = (wasmMemory) => {
    try {
      if (!wasmMemory) throw new Error("Pyodide's module did not let the worker see its wasm's memory");
      if (form === null) throw new Error("the wasm was instantiated before the snapshot's header arrived");
      if (wasmMemory.buffer.byteLength < form.baseLength) {
        throw new Error("the wasm's memory could not be read");
      }
      initial.resolve(new Uint8Array(wasmMemory.buffer, 0, form.baseLength).slice());
      // A memory that had grown past the wasm's initial size when the snapshot was made: grow this one
      // alike, or Pyodide's restore would not fit (snapshot.mjs keeps it from growing; this is the spare).
      const missing = form.length - form.baseAt - wasmMemory.buffer.byteLength;
      if (missing > 0) wasmMemory.grow(Math.ceil(missing / 65536));
    } catch (error) {
      initial.reject(error); // never thrown into Pyodide, which would wait for ever
    }
  };
  const filled = (async () => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const reader = response.body.getReader();
    const head = new Uint8Array(HEADER_BYTES);
    const numbers = new DataView(head.buffer);
    const magic = new Uint8Array(4);
    const written = []; // [start, end) of each record over the initial memory's stretch
    let target = null;
    let need = HEADER_BYTES; // bytes of the next header
    let have = 0; // of which read so far
    let at = 0; // where the current record's next byte goes
    let left = 0; // bytes of the current record still to come
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      const chunk = read.value;
      let i = 0;
      while (i < chunk.length) {
        const n = Math.min(left > 0 ? left : need - have, chunk.length - i);
        if (left > 0) {
          target.set(chunk.subarray(i, i + n), at);
          for (let byte = at; byte < 4 && byte < at + n; byte += 1) {
            magic[byte] = target[byte];
            target[byte] = 0;
          }
          at += n;
          left -= n;
        } else {
          head.set(chunk.subarray(i, i + n), have);
          have += n;
          if (have === need) {
            have = 0;
            need = RECORD_BYTES;
            if (target === null) {
              if (numbers.getUint32(0, true) !== PACKED) throw new Error("the snapshot is not packed");
              const length = numbers.getUint32(4, true);
              const [baseAt, baseLength] = [numbers.getUint32(8, true), numbers.getUint32(12, true)];
              if (baseAt + baseLength > length || baseLength % 4 !== 0 || baseAt < 4) {
                throw new Error("the snapshot's header is out of place");
              }
              const sums = [numbers.getUint32(16, true), numbers.getUint32(20, true)];
              form = { length, baseAt, baseLength, sums };
              target = new Uint8Array(length);
              header.resolve(target);
              await compiling;
            } else {
              const offset = numbers.getUint32(0, true);
              left = numbers.getUint32(4, true);
              if (offset < at || left === 0 || offset + left > target.length) {
                throw new Error(`the snapshot has a record out of place (at byte ${offset})`);
              }
              at = offset;
              if (offset < form.baseAt + form.baseLength && offset + left > form.baseAt) {
                written.push(offset, offset + left);
              }
            }
          }
        }
        i += n;
      }
    }
    if (target === null || left > 0 || have > 0) throw new Error("the snapshot ended early");
    const base = await copied;
    const sums = checksums(base);
    if (sums[0] !== form.sums[0] || sums[1] !== form.sums[1]) {
      throw new Error("the snapshot was made from another wasm");
    }
    // The initial memory wherever no record wrote (records are in order and do not overlap).
    const end = form.baseAt + form.baseLength;
    let from = form.baseAt;
    written.push(end, end);
    for (let r = 0; r < written.length; r += 2) {
      const stop = Math.min(written[r], end);
      if (stop > from) target.set(base.subarray(from - form.baseAt, stop - form.baseAt), from);
      from = Math.max(from, written[r + 1]);
    }
    target.set(magic, 0);
    return "downloaded";
  })();
  filled.catch(header.reject);
  const stopped = new Error("Pyodide stopped before its wasm was instantiated");
  return { memory, filled, instantiated, giveUp: () => initial.reject(stopped), stopped };
}

// Pyodide's module factory (pyodide.asm.mjs), calling `compiling` once the module has asked for its wasm,
// and `instantiated` with the wasm's memory as soon as it is instantiated (before Pyodide's module runs any
// of its code; then the phase is marked).
function watched(factory, { compiling, instantiated }, phase) {
  return (settings) => {
    const instantiate = settings.instantiateWasm;
    if (typeof instantiate !== "function") {
      compiling();
      instantiated(null);
    } else {
      settings.instantiateWasm = (imports, done) => {
        try {
          return instantiate(imports, (instance, module) => {
            instantiated(instance.exports.memory || (imports.env && imports.env.memory));
            phase("wasm instantiated");
            return done(instance, module);
          });
        } finally {
          compiling();
        }
      };
    }
    return factory(settings);
  };
}

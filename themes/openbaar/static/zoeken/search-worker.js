// The search worker: runs the WebAssembly runtime over the static index bundle. A query
// that misses chunks gets the list of all it needs; they are fetched in parallel, and the
// query runs again. Every fetch is counted, for the benchmark and the curious.
"use strict";

let exports = null;
let ready = null;
const stats = { fetches: 0, bytes: 0, steps: 0 };
// Where a query's time went, step by step (for the benchmark): milliseconds in the
// runtime, and waiting for each round of fetches with how many pieces it brought.
let timeline = [];

// The runtime and the hot file keep their names from build to build, so the browser asks
// the server whether its copy is still current ("no-cache": revalidate, usually a 304).
// A chunk is named by the hash of its content and never changes: a copy in the browser's
// cache is used without asking ("force-cache"), whatever the host says about caching.
// Should the cache hold an error for a chunk (a search during a deploy), it is fetched
// once more from the server.
async function fetchBytes(url, cache = "no-cache") {
  let response = await fetch(url, { cache });
  if (!response.ok && cache === "force-cache") response = await fetch(url, { cache: "reload" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  stats.fetches += 1;
  stats.bytes += bytes.length;
  return bytes;
}

function write(bytes) {
  const ptr = exports.alloc(bytes.length);
  new Uint8Array(exports.memory.buffer, ptr, bytes.length).set(bytes);
  return ptr;
}

function output() {
  const ptr = exports.output_ptr();
  const len = exports.output_len();
  return new TextDecoder().decode(new Uint8Array(exports.memory.buffer, ptr, len).slice());
}

// Gzipped bytes (the gzip magic 1f 8b), unpacked; other bytes as they are. A host that
// marks a file Content-Encoding: gzip has the browser unpack it already.
async function gunzip(bytes) {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(unpacked).arrayBuffer());
}

// The runtime comes gzipped (`.wasm.gz`) and is unpacked here, so its transfer is small on
// hosts that do not compress `.wasm`. Without DecompressionStream, the plain module.
async function fetchRuntime(wasmUrl) {
  if (typeof DecompressionStream === "undefined") return fetchBytes(wasmUrl);
  let bytes;
  try {
    bytes = await fetchBytes(wasmUrl + ".gz");
  } catch (err) {
    return fetchBytes(wasmUrl);
  }
  return gunzip(bytes);
}

// The index bundle's files (hot.bin and the chunks) are gzipped by the indexer.
async function fetchIndexFile(url, cache) {
  if (typeof DecompressionStream === "undefined") {
    throw new Error("deze browser kan de zoekindex niet uitpakken (DecompressionStream ontbreekt)");
  }
  return gunzip(await fetchBytes(url, cache));
}

// Pack files a host sent whole although a Range was asked for, by URL: later reads of
// the same pack are cut from the copy here.
const wholePacks = new Map();

// Bytes `start` to `end` of a pack of fragments (one gzipped fragment), read with an
// HTTP Range request. A host that ignores Range answers 200 with the whole file: the
// fragment is cut from it, and the file kept for the next.
async function fetchRange(url, start, end) {
  if (!wholePacks.has(url)) {
    const response = await fetch(url, { headers: { Range: `bytes=${start}-${end - 1}` } });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    stats.fetches += 1;
    stats.bytes += bytes.length;
    if (response.status === 206) return gunzip(bytes);
    wholePacks.set(url, bytes);
  }
  return gunzip(wholePacks.get(url).subarray(start, end));
}

// What the runtime asks for by id: `{pack}@{start}-{end}`, a fragment of a pack file;
// anything else, a chunk file `c-{id}.bin` (named by its content: cached for good).
function fetchPiece(bundleUrl, id) {
  const range = id.match(/^([^@]+)@(\d+)-(\d+)$/);
  if (range) return fetchRange(bundleUrl + range[1], Number(range[2]), Number(range[3]));
  return fetchIndexFile(`${bundleUrl}c-${id}.bin`, "force-cache");
}

async function start(wasmUrl, bundleUrl) {
  // The runtime and the hot file in one step.
  const [module, hot] = await Promise.all([
    fetchRuntime(wasmUrl).then((bytes) => WebAssembly.instantiate(bytes, {})),
    fetchIndexFile(bundleUrl + "hot.bin"),
  ]);
  stats.steps += 1;
  exports = module.instance.exports;
  const ptr = write(hot);
  const status = exports.init(ptr, hot.length);
  exports.dealloc(ptr, hot.length);
  if (status !== 0) throw new Error(output());
  return bundleUrl;
}

async function search(bundleUrl, query, offset, limit) {
  const encoded = new TextEncoder().encode(query);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    let t = performance.now();
    const ptr = write(encoded);
    const status = exports.search(ptr, encoded.length, offset, limit);
    exports.dealloc(ptr, encoded.length);
    const answer = output();
    timeline.push(`run ${Math.round(performance.now() - t)} ms`);
    if (status === 0) return JSON.parse(answer);
    if (status === 2) throw new Error(answer);
    const hashes = JSON.parse(answer);
    t = performance.now();
    const chunks = await Promise.all(hashes.map((id) => fetchPiece(bundleUrl, id)));
    timeline.push(`fetch ${hashes.length} in ${Math.round(performance.now() - t)} ms`);
    stats.steps += 1;
    hashes.forEach((hash, i) => {
      const h = new TextEncoder().encode(hash);
      const hp = write(h);
      const dp = write(chunks[i]);
      exports.add_chunk(hp, h.length, dp, chunks[i].length);
      exports.dealloc(hp, h.length);
      exports.dealloc(dp, chunks[i].length);
    });
  }
  throw new Error("the index kept asking for more chunks");
}

self.onmessage = async (event) => {
  const { id, wasmUrl, query, offset, limit } = event.data;
  // Zola's get_url drops the trailing slash of a folder.
  const bundleUrl = event.data.bundleUrl.endsWith("/") ? event.data.bundleUrl : event.data.bundleUrl + "/";
  const before = { ...stats };
  const received = performance.timeOrigin + performance.now();
  timeline = [`worker got it ${Math.round(received - (event.data.sentAt || received))} ms after`];
  try {
    ready = ready || start(wasmUrl, bundleUrl);
    await ready;
    // `prepare`: fetch the runtime and the hot file now (the page sends it when the search
    // box gets focus), so that the first query finds them there; answered without results.
    if (event.data.prepare) {
      self.postMessage({ id, prepared: true });
      return;
    }
    const results = await search(bundleUrl, query, offset, limit);
    const delta = {
      fetches: stats.fetches - before.fetches,
      bytes: stats.bytes - before.bytes,
      steps: stats.steps - before.steps,
      timeline: timeline.join(", ") + `; worker ${Math.round(performance.timeOrigin + performance.now() - received)} ms`,
    };
    self.postMessage({ id, results, stats: delta });
  } catch (error) {
    self.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
};

# Shared by the scripts in this folder: the repository root, and the tools folder
# that scripts/setup fills (zola, when it is not on PATH).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The browser's search runtime: a Cargo workspace of its own.
WASM_MANIFEST="$ROOT/indexer/openbaar-search-wasm/Cargo.toml"
export PATH="$ROOT/.tools/bin:$HOME/.cargo/bin:$PATH"
# Run as root, or through sudo where that exists (a developer's own machine).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: '$*' needs root; install it by hand" >&2; return 1; fi
}
step() { printf '\n==> %s\n' "$*" >&2; }
# Tesseract parallelises each page with OpenMP; Openbaar already reads files in parallel,
# and both together oversubscribe the cores: 8 scanned pages on 2 threads took 12.3 s of
# CPU with OpenMP's default and 5.5 s with one OpenMP thread per engine (scripts/bench-ocr).
export OMP_THREAD_LIMIT="${OMP_THREAD_LIMIT:-1}"

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

# The search runtime (WebAssembly) is built with a pinned nightly Rust where one is
# installed (scripts/setup installs it): std is compiled for the module itself
# (-Zbuild-std, optimised for size), panics abort at once and carry no location or
# `Debug` text. That drops std's panic and formatting machinery from the module: 379 KB
# gzipped with stable Rust, 307 KB with these flags (README, "The search runtime"). The
# behaviour is the same; an error message loses only the parts tantivy writes with
# `Debug`. Without that toolchain the stable build is used, and the build says so.
WASM_NIGHTLY="nightly-2026-05-20"
# build_search_runtime PROFILE: builds the module with cargo profile PROFILE (wasm, or
# wasm-names to keep function names) into target/wasm32-unknown-unknown/PROFILE/.
build_search_runtime() {
  local profile="$1"
  if rustup run "$WASM_NIGHTLY" rustc --version >/dev/null 2>&1 &&
    rustup component list --toolchain "$WASM_NIGHTLY" --installed 2>/dev/null | grep -q '^rust-src'; then
    # RUSTFLAGS replaces the rustflags of .cargo/config.toml, so the getrandom backend
    # they name is repeated here.
    RUSTFLAGS='--cfg getrandom_backend="custom" -Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort' \
      cargo "+$WASM_NIGHTLY" build --manifest-path "$WASM_MANIFEST" --profile "$profile" --locked \
      --target wasm32-unknown-unknown -Z build-std=std,panic_abort -Z build-std-features=optimize_for_size
  else
    echo "warning: $WASM_NIGHTLY with rust-src is not installed (scripts/setup installs it):" \
      "building the search runtime with stable Rust, about 70 KB larger gzipped" >&2
    cargo build --manifest-path "$WASM_MANIFEST" --profile "$profile" --locked --target wasm32-unknown-unknown
  fi
}

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

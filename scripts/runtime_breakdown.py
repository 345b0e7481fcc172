#!/usr/bin/env python3
"""Where the bytes of the search runtime go: the gzipped size of each crate's code.

Reads a WebAssembly module built with function names (the `wasm-names` profile of
indexer/openbaar-search-wasm; `scripts/runtime-size --by-crate` builds it), groups the
function bodies by the crate their name starts with (for `<T as Trait>::f`, the trait's
crate), and gzips each group on its own. The groups' sizes add up to a little more than
the whole module gzipped (gzip finds fewer repeats in a part), so read them as shares.

Usage: runtime_breakdown.py MODULE.wasm [ROWS]
"""

import re
import sys
import zlib
from collections import defaultdict


def leb128(data, at):
    """Reads an unsigned LEB128 number; returns it and the offset after it."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def name_bytes(data, at):
    length, at = leb128(data, at)
    return data[at : at + length], at + length


def sections(module):
    at = 8  # magic and version
    while at < len(module):
        kind = module[at]
        size, at = leb128(module, at + 1)
        yield kind, module[at : at + size]
        at += size


def imported_functions(section):
    """How many functions the module imports (they come first in the index space)."""
    count, at = leb128(section, 0)
    functions = 0
    for _ in range(count):
        _, at = name_bytes(section, at)
        _, at = name_bytes(section, at)
        kind = section[at]
        at += 1
        if kind == 0:  # function: type index
            _, at = leb128(section, at)
            functions += 1
        elif kind == 1:  # table: element type, limits
            flags, at = leb128(section, at + 1)
            _, at = leb128(section, at)
            if flags & 1:
                _, at = leb128(section, at)
        elif kind == 2:  # memory: limits
            flags, at = leb128(section, at)
            _, at = leb128(section, at)
            if flags & 1:
                _, at = leb128(section, at)
        elif kind == 3:  # global: value type, mutability
            at += 2
    return functions


def function_names(section):
    """The function names subsection of a `name` custom section, by function index."""
    _, at = name_bytes(section, 0)
    names = {}
    while at < len(section):
        kind = section[at]
        size, at = leb128(section, at + 1)
        end = at + size
        if kind == 1:
            count, here = leb128(section, at)
            for _ in range(count):
                index, here = leb128(section, here)
                name, here = name_bytes(section, here)
                names[index] = name.decode("utf-8", "replace")
        at = end
    return names


LEGACY_ESCAPES = [("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"),
                  ("$BP$", "*"), ("$C$", ","), ("..", "::")]


def crate_of(symbol):
    """The crate a mangled Rust symbol belongs to (the trait's, for a trait impl)."""
    if symbol.startswith("_ZN"):
        parts, at = [], 3
        while at < len(symbol) and symbol[at].isdigit():
            digits = re.match(r"\d+", symbol[at:]).group(0)
            at += len(digits)
            parts.append(symbol[at : at + int(digits)])
            at += int(digits)
        text = "::".join(parts)
        for escape, char in LEGACY_ESCAPES:
            text = text.replace(escape, char)
        impl = re.match(r"_?<(.*) as ([A-Za-z_][A-Za-z0-9_]*)", text)
        if impl:
            return impl.group(2)
        head = re.match(r"_?<?([A-Za-z_][A-Za-z0-9_]*)", text)
        return head.group(1) if head else "?"
    if symbol.startswith("_R"):
        # v0 mangling: the first crate root (C + disambiguator + length + name).
        root = re.search(r"C(?:s[0-9a-zA-Z]*_)?(\d+)_?", symbol)
        if not root:
            return "?"
        return symbol[root.end() : root.end() + int(root.group(1))]
    return symbol.split("::")[0] or "?"


def main():
    module = open(sys.argv[1], "rb").read()
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    imported, bodies, names, data = 0, [], {}, b""
    for kind, section in sections(module):
        if kind == 2:
            imported = imported_functions(section)
        elif kind == 10:
            count, at = leb128(section, 0)
            for _ in range(count):
                body, at = name_bytes(section, at)
                bodies.append(body)
        elif kind == 11:
            data = section
        elif kind == 0 and section[1 : 1 + section[0]] == b"name":
            names = function_names(section)
    if not names:
        sys.exit(f"error: {sys.argv[1]} has no function names (build the wasm-names profile)")
    groups = defaultdict(list)
    for index, body in enumerate(bodies):
        groups[crate_of(names.get(imported + index, "?"))].append(body)
    code = b"".join(bodies)
    gz = lambda raw: len(zlib.compress(raw, 9))
    print(f"code {len(code)} bytes, {gz(code)} gzipped; data {len(data)} bytes, {gz(data)} gzipped")
    table = sorted(((gz(b"".join(v)), len(b"".join(v)), len(v), k) for k, v in groups.items()),
                   reverse=True)
    print(f"{'gzipped':>8} {'bytes':>8} {'functions':>9}  crate (by name; trait impls by trait)")
    for gzipped, raw, functions, crate in table[:rows]:
        print(f"{gzipped:8d} {raw:8d} {functions:9d}  {crate}")


if __name__ == "__main__":
    main()

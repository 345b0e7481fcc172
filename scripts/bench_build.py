"""Build benchmark: `openbaar build` of a synthetic archive, with wall time, peak memory of
openbaar's own steps, of zola, and of both together, and the file counts. See bench-build.

Peak memory: openbaar runs under `/usr/bin/time -v` and zola (through OPENBAAR_ZOLA) under
its own `/usr/bin/time -v`, which give each process's exact high-water mark. What both hold
at the same moment ("together") is sampled from /proc every 0.1 s: the sum of the resident
sets of openbaar and all its children."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def max_rss_kb(time_log: Path) -> int:
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_log.read_text())
    return int(match.group(1)) if match else 0


def status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except (FileNotFoundError, ProcessLookupError):
        return ""


def tree(pid: int) -> list[int]:
    """pid and all its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def count_files(folder: Path) -> tuple[int, int]:
    files = size = 0
    for root, _, names in os.walk(folder):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(root, name))
    return files, size


def main():
    binary, config, archive, output, zola = (Path(a) for a in sys.argv[1:6])
    docs = sum(1 for _ in archive.rglob("*.txt"))
    scratch = Path(tempfile.mkdtemp(prefix="openbaar-bench-build-"))
    openbaar_log, zola_log = scratch / "openbaar.time", scratch / "zola.time"
    wrapper = scratch / "zola"
    # OPENBAAR_BENCH_KEEP_SITE: keep the site as Zola gets it (hard links, no disk) for
    # bench-zola-parts.
    keep = os.environ.get("OPENBAAR_BENCH_KEEP_SITE")
    snapshot = f'rm -rf "{keep}" && cp -al "$PWD" "{keep}"\n' if keep else ""
    wrapper.write_text(f'#!/bin/sh\n{snapshot}exec /usr/bin/time -v -o "{zola_log}" "{zola}" "$@"\n')
    wrapper.chmod(0o755)
    env = dict(os.environ, OPENBAAR_ZOLA=str(wrapper))
    command = ["/usr/bin/time", "-v", "-o", str(openbaar_log), str(binary), "build",
               "--config", str(config), "--archive", str(archive), "--output", str(output)]
    print("$ " + " ".join(command), flush=True)
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    together = [0]
    openbaar_hwm = [0]  # openbaar's own high-water mark, as last seen

    def sample():
        while process.poll() is None:
            pids = tree(process.pid)
            together[0] = max(together[0], sum(status_kb(p, "VmRSS") for p in pids))
            for p in pids:
                if comm(p).startswith("openbaar"):
                    openbaar_hwm[0] = max(openbaar_hwm[0], status_kb(p, "VmHWM"))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    log = list(process.stderr)
    process.wait()
    wall = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        sys.stderr.write("".join(log[-30:]))
        sys.exit(f"openbaar build failed with status {process.returncode}")
    openbaar_peak = max_rss_kb(openbaar_log)  # the larger of openbaar and zola
    zola_peak = max_rss_kb(zola_log) if zola_log.exists() else 0
    zola_wall = re.search(r"Elapsed \(wall clock\) time.*: (.+)", zola_log.read_text()).group(1)
    shutil.rmtree(scratch)
    files, size = count_files(output)
    doc_files, _ = count_files(output / "documenten")
    search_files, _ = count_files(output / "zoeken")
    print(f"documents:                 {docs}")
    print(f"wall time, whole build:    {wall:.1f} s ({wall / docs * 10000:.1f} s per 10,000 documents)")
    print(f"wall time, zola build:     {zola_wall} (m:ss)")
    # time -v reports the larger of openbaar and zola; when that is zola's, openbaar's
    # own comes from its high-water mark as last sampled.
    own = openbaar_peak if openbaar_peak > zola_peak else openbaar_hwm[0]
    print(f"peak memory, openbaar:     {own / 1024:.0f} MB (its own steps)")
    print(f"peak memory, zola:         {zola_peak / 1024:.0f} MB")
    print(f"peak memory, together:     {together[0] / 1024:.0f} MB (sum of both at one moment, sampled)")
    print(f"files in the site:         {files} ({size / 1e6:.0f} MB)")
    print(f"  under /documenten/:      {doc_files}")
    print(f"  under /zoeken/:          {search_files}")
    print(f"  elsewhere:               {files - doc_files - search_files}")


if __name__ == "__main__":
    main()

"""What holds `zola build`'s memory: the same generated site built by Zola four times, as it
is, without the taxonomies, without the organisations' timelines, and without both, each
with its peak memory (`/usr/bin/time -v`), wall time and file count. See bench-zola-parts.

    bench_zola_parts.py SITE ZOLA

SITE is a site root as openbaar hands it to Zola (config.toml, content/, themes/);
it is not changed: every variant is a hard-linked copy in which the files a variant
changes are replaced, never written through.

"Without taxonomies": `taxonomies = []` in config.toml, no `[taxonomies]` table in any
front matter, no English facet listings (content/facetten, which read a taxonomy), and
every get_taxonomy_url() in the theme printing "/". "Without the organisations'
timelines": the pages under the timeline section (one per organisation) removed; the
archive's own timeline stays."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path


def replace(path: Path, text: str) -> None:
    """Writes `text` to `path` without touching the file it is hard-linked to."""
    path.unlink()
    path.write_text(text)


def strip_taxonomies(site: Path) -> None:
    config = site / "config.toml"
    text, n = re.subn(r"(?m)^taxonomies = \[\n(?:[ \t]+\{[^\n]*\n)*\]", "taxonomies = []",
                      config.read_text(), count=1)
    if n != 1:
        sys.exit(f"no `taxonomies = [ … ]` block in {config}: the variant would measure nothing")
    replace(config, text)
    table = re.compile(r"\n\[taxonomies\]\n(?:(?!\+\+\+)[^\[\n][^\n]*\n)*")
    stripped = 0
    for page in (site / "content").rglob("*.md"):
        text = page.read_text()
        if "[taxonomies]" in text:
            replace(page, table.sub("\n", text))
            stripped += 1
    if stripped == 0:
        sys.exit("no page has a [taxonomies] table: the variant would measure nothing")
    shutil.rmtree(site / "content" / "facetten", ignore_errors=True)
    for template in (site / "themes").rglob("*.html"):
        text = template.read_text()
        if "get_taxonomy_url(" in text:
            replace(template, re.sub(r"get_taxonomy_url\([^)]*\)", '"/"', text))


def strip_organisation_timelines(site: Path) -> None:
    settings = tomllib.loads((site / "config.toml").read_text())
    folder = site / settings["extra"]["openbaar"].get("generated_timeline", "content/tijdlijn")
    pages = [d for d in folder.iterdir() if d.is_dir()]
    if not pages:
        sys.exit(f"no organisation timelines in {folder}: the variant would measure nothing")
    for page in pages:
        shutil.rmtree(page)


def count_files(folder: Path) -> int:
    return sum(len(names) for _, _, names in os.walk(folder))


def measure(site: Path, zola: str, scratch: Path, name: str, changes) -> tuple:
    copy = scratch / name
    subprocess.run(["cp", "-al", str(site), str(copy)], check=True)
    for change in changes:
        change(copy)
    log, out = scratch / f"{name}.time", scratch / f"{name}-public"
    result = subprocess.run(["/usr/bin/time", "-v", "-o", str(log), zola, "build",
                             "--output-dir", str(out)], cwd=copy, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"zola build of variant '{name}' failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    time_log = log.read_text()
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_log).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time.*: (.+)", time_log).group(1)
    files = count_files(out)
    shutil.rmtree(out)
    shutil.rmtree(copy)
    return peak, wall, files


def main():
    site, zola = Path(sys.argv[1]), sys.argv[2]
    docs = sum(1 for d in (site / "content" / "documenten").iterdir() if (d / "index.md").exists())
    scratch = Path(tempfile.mkdtemp(prefix="openbaar-zola-parts-", dir=site.parent))
    variants = [
        ("as built", []),
        ("without taxonomies", [strip_taxonomies]),
        ("without organisation timelines", [strip_organisation_timelines]),
        ("without both", [strip_taxonomies, strip_organisation_timelines]),
    ]
    print(f"zola build of one site of {docs} documents, four ways:")
    print(f"{'variant':34} {'peak memory':>12} {'wall (m:ss)':>12} {'files':>8}", flush=True)
    try:
        for name, changes in variants:
            peak, wall, files = measure(site, zola, scratch, name.replace(" ", "-"), changes)
            print(f"{name:34} {peak / 1024:9.0f} MB {wall:>12} {files:>8}", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()

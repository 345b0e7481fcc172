"""OCR figures for issue 11. See bench-ocr."""

import collections
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "indexer/openbaar/tests/data/ocr"
SAMPLE_SCAN = ROOT / "archive/scan-ontvangstbevestiging-vragen-art36.pdf"
THREADS = "2"


def words(text: str) -> collections.Counter:
    text = unicodedata.normalize("NFKC", text).lower()
    return collections.Counter(re.findall(r"\w+(?:[.'@/:-]\w+)*", text))


def agreement(reference: str, read: str):
    ref, got = words(reference), words(read)
    common = sum((ref & got).values())
    return common, sum(ref.values()), sum(got.values())


def labelled_pages(realworld: Path):
    pages = []
    for line in (LABELS / "pages.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        source, page, split, kind, name = line.split("\t")
        pdf = realworld / source
        if not pdf.exists():
            sys.exit(f"error: labelled page {source} is missing from {realworld}")
        pages.append(dict(pdf=pdf, source=source, page=int(page), split=split, kind=kind,
                          truth=(LABELS / name).read_text(encoding="utf-8")))
    sample_text = re.search(r'SCAN_TEXT = """(.*?)"""',
                            (ROOT / "scripts/make-sample-archive.py").read_text(encoding="utf-8"),
                            re.S).group(1)
    pages.append(dict(pdf=SAMPLE_SCAN, source="archive/" + SAMPLE_SCAN.name, page=1,
                      split="sample", kind="image-only", truth=sample_text))
    return pages


def run_extract(binary, config: Path, target: Path, env=None):
    start = time.perf_counter()
    out = subprocess.run([binary, "extract", "--json", "--config", str(config), str(target)],
                         capture_output=True, text=True, check=True,
                         env={**os.environ, "RAYON_NUM_THREADS": THREADS, **(env or {})})
    return time.perf_counter() - start, out.stdout


def write_config(folder: Path, cache: str) -> Path:
    config = folder / "config.toml"
    config.write_text(f'[extra.openbaar]\ncache = "{cache}"\n', encoding="utf-8")
    return config


def cached_page(cache: Path, pdf: Path, page: int):
    key = hashlib.sha256(pdf.read_bytes()).hexdigest()
    entry = json.loads((cache / key[:2] / f"{key}.json").read_text(encoding="utf-8"))
    raw = entry["extracted"]["pages"][page - 1]
    return raw["provenance"], raw["text"], entry["engine"]


def pipeline_accuracy(binary, pages, tmp: Path):
    """The image-only pages as the pipeline reads them (mupdf render, Tesseract, nld+eng)."""
    archive = tmp / "accuracy"
    for p in pages:
        if p["kind"] != "image-only":
            continue
        target = archive / p["source"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p["pdf"], target)
    config = write_config(tmp, str(tmp / "accuracy-cache"))
    run_extract(binary, config, archive)
    print("\n== Full-page OCR in the pipeline: word accuracy against the by-eye reading ==")
    totals = collections.defaultdict(lambda: [0, 0, 0])
    engine = None
    for p in pages:
        if p["kind"] != "image-only":
            continue
        provenance, text, engine = cached_page(tmp / "accuracy-cache", p["pdf"], p["page"])
        common, ref, got = agreement(p["truth"], text)
        for key in (p["split"],):
            t = totals[key]
            t[0] += common; t[1] += ref; t[2] += got
        print(f"  {p['split']:8} {p['source'][:60]:60} p{p['page']}: {provenance:10}"
              f" {common}/{ref} words read, {got} words out")
    print(f"  engine: {engine}")
    for split, (common, ref, got) in totals.items():
        print(f"  {split:8}: word accuracy {common}/{ref} = {common / max(1, ref):.3f},"
              f" precision {common}/{got} = {common / max(1, got):.3f}")


def dpi_sweep(pages, tmp: Path):
    """The resolution trade-off, with the engine's own command line on the same pages."""
    print("\n== Resolution: Tesseract (nld+eng, page layout) on pdftoppm renders, 1 thread ==")
    for dpi in (150, 200, 300, 400):
        totals = collections.defaultdict(lambda: [0, 0])
        seconds = 0.0
        for p in pages:
            image = tmp / f"sweep-{dpi}"
            subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile",
                            "-f", str(p["page"]), "-l", str(p["page"]), str(p["pdf"]),
                            str(image)], check=True)
            start = time.perf_counter()
            read = subprocess.run(["tesseract", f"{image}.png", "-", "-l", "nld+eng",
                                   "--psm", "3"], capture_output=True, text=True,
                                  env={**os.environ, "OMP_THREAD_LIMIT": "1"}).stdout
            seconds += time.perf_counter() - start
            common, ref, _ = agreement(p["truth"], read)
            group = "text" if p["kind"] == "text-layer" or p["split"] == "sample" else p["split"]
            totals[group][0] += common; totals[group][1] += ref
        parts = ", ".join(f"{g} {c}/{r} = {c / max(1, r):.3f}" for g, (c, r) in sorted(totals.items()))
        print(f"  {dpi:3} dpi: {seconds / len(pages):.2f} s a page; word accuracy {parts}")
    print("  (text = the pages with real content: ko1 p2 and the sample scan)")


def pages_per_second(binary, tmp: Path):
    speed = tmp / "speed"
    speed.mkdir()
    copies = 8
    for i in range(copies):
        shutil.copyfile(SAMPLE_SCAN, speed / f"scan-{i}.pdf")
    config = write_config(tmp, "")
    with_ocr = min(run_extract(binary, config, speed)[0] for _ in range(2))
    empty = tmp / "no-tessdata"
    empty.mkdir()
    without = min(run_extract(binary, config, speed, {"TESSDATA_PREFIX": str(empty)})[0]
                  for _ in range(2))
    print(f"\n== Full-page OCR speed, {THREADS} threads, {copies} image-only A4 pages (the sample scan) ==")
    print(f"  whole extraction: {with_ocr:.2f} s = {copies / with_ocr:.2f} pages/s;"
          f" without OCR (no language data) {without:.2f} s;"
          f" OCR alone {copies / max(1e-9, with_ocr - without):.2f} pages/s")


def cached_rebuild(binary, realworld: Path, tmp: Path):
    cache = tmp / "realworld-cache"
    config = write_config(tmp, str(cache))
    cold, cold_out = run_extract(binary, config, realworld)
    warm_runs = [run_extract(binary, config, realworld) for _ in range(3)]
    warm = min(t for t, _ in warm_runs)
    same = all(out == cold_out for _, out in warm_runs)
    entries = sum(1 for _ in cache.rglob("*.json"))
    size = sum(f.stat().st_size for f in cache.rglob("*.json"))
    print(f"\n== Extraction of {realworld} ({THREADS} threads) ==")
    print(f"  cold (empty cache): {cold:.2f} s")
    print(f"  cached (best of 3): {warm:.2f} s")
    print(f"  speed-up: {cold / warm:.1f}x; records identical: {same};"
          f" cache: {entries} entries, {size // 1024} KB")


def main():
    realworld, binary = Path(sys.argv[1]), sys.argv[2]
    pages = labelled_pages(realworld)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pipeline_accuracy(binary, pages, tmp)
        dpi_sweep(pages, tmp)
        pages_per_second(binary, tmp)
        cached_rebuild(binary, realworld, tmp)


if __name__ == "__main__":
    main()

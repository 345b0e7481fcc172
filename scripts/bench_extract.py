"""Word-level agreement of openbaar's PDF text with pdftotext, and speed. See bench-extract."""

import collections
import json
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path


def words(text: str) -> collections.Counter:
    # Both sides get the same treatment: NFKC, line-end hyphens joined, lower case.
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"-\n(?=[a-zà-ÿ])", "", text)
    return collections.Counter(w.lower() for w in re.findall(r"\w+", text))


def main():
    folder, binary = Path(sys.argv[1]), sys.argv[2]
    pdfs = sorted(p for p in folder.rglob("*.pdf"))
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        out = subprocess.run([binary, "extract", "--json", str(folder)],
                             capture_output=True, text=True, check=True)
        runs.append(time.perf_counter() - start)
    records = {}
    for line in out.stdout.splitlines():
        record = json.loads(line)
        records[record["source"]] = record
    pages = ref_common = ref_total = cand_total = 0
    worst = []
    for pdf in pdfs:
        source = pdf.relative_to(folder).as_posix()
        record = records.get(source)
        if record is None:
            print(f"MISSING record for {source}")
            continue
        pages += record["page_count"]
        ref = words(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                                   capture_output=True, text=True).stdout)
        cand = words(record["text"])
        common = sum((ref & cand).values())
        ref_common += common
        ref_total += sum(ref.values())
        cand_total += sum(cand.values())
        worst.append((common / max(1, sum(ref.values())), source))
    worst.sort()
    best_run = min(runs)
    print(f"PDFs: {len(pdfs)}  records: {sum(1 for p in pdfs if p.relative_to(folder).as_posix() in records)}  pages: {pages}")
    print(f"word recall vs pdftotext:    {ref_common / max(1, ref_total):.4f}")
    print(f"word precision vs pdftotext: {ref_common / max(1, cand_total):.4f}")
    print(f"lowest per-document recall:  " + ", ".join(f"{r:.3f} {s}" for r, s in worst[:3]))
    print(f"wall time (best of 3, whole run incl. normalising, 2 threads): {best_run * 1000:.0f} ms"
          f" = {best_run * 1000 / max(1, pages):.2f} ms per page")


if __name__ == "__main__":
    main()

"""Letter trigrams of a Dutch and an English word list. See make-word-model.

Each distinct word (lower case, letters only, hyphenated parts apart) counts once, padded
with `^` before and `$` after, so the model knows how words start and end. Trigrams seen
fewer than MIN_COUNT times are left out (they are mostly names and typos in the lists);
the reader treats an unseen trigram as rare, which is what it is.
"""

import collections
import sys
import unicodedata

MIN_COUNT = 3


def main():
    words = set()
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            for line in f:
                for part in unicodedata.normalize("NFC", line.strip().lower()).split("-"):
                    if len(part) >= 2 and all(c.isalpha() or c == "'" for c in part):
                        words.add(part)
    counts = collections.Counter()
    for word in words:
        padded = f"^{word}$"
        for i in range(len(padded) - 2):
            counts[padded[i:i + 3]] += 1
    print(f"# letter trigrams of {len(words)} distinct words: Tesseract's nld and eng word"
          f" lists (scripts/make-word-model); trigram<TAB>words it occurs in, >= {MIN_COUNT}")
    for trigram, n in sorted(counts.items()):
        if n >= MIN_COUNT:
            print(f"{trigram}\t{n}")


if __name__ == "__main__":
    main()

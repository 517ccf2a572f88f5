"""Rebuild ``lexicons/actors/common_words.txt`` from a CoNLL-U treebank (UD English EWT train).

A capitalised word at the start of a sentence is a name only if it is not an ordinary English word;
this list says which words are ordinary: written in lower case at least twice and at least twice as
often as capitalised in mid-sentence. Only single words go into the list, no text.

    python -m annotators.build_lexicons CORPORA/ud-english-ewt/en_ewt-ud-train.conllu
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

TARGET = Path(__file__).parent / "lexicons" / "actors" / "common_words.txt"
HEADER = (
    "# Ordinary English words: a capitalised one at the start of a sentence is not a name.\n"
    "# Built by `python -m annotators.build_lexicons en_ewt-ud-train.conllu` from UD English EWT\n"
    "# (CC BY-SA 4.0): words in lower case >= 2 times and >= 2x as often as capitalised mid-sentence.\n"
)


def count_forms(conllu: Path) -> tuple[Counter[str], Counter[str]]:
    lower: Counter[str] = Counter()
    capitalised_inside: Counter[str] = Counter()
    sentence_start = True
    with conllu.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            if not line.strip():
                sentence_start = True
                continue
            index, form, _lemma, upos = line.split("\t")[:4]
            if "-" in index or "." in index:
                continue
            if form.isalpha():
                if form.islower():
                    lower[form] += 1
                elif form[0].isupper() and not sentence_start:
                    capitalised_inside[form.lower()] += 1
            if upos != "PUNCT":
                sentence_start = False
    return lower, capitalised_inside


def common_words(conllu: Path) -> list[str]:
    lower, capitalised_inside = count_forms(conllu)
    return sorted(w for w, n in lower.items() if n >= 2 and n >= 2 * capitalised_inside[w])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conllu", type=Path, help="a CoNLL-U file, e.g. en_ewt-ud-train.conllu")
    args = parser.parse_args(argv)
    words = common_words(args.conllu)
    TARGET.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words to {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

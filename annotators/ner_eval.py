"""Measure the actor finder as a named-entity recogniser on an IOB2 corpus (UNER English EWT).

Each ``# newdoc`` becomes one article (sentences on lines, tokens joined by spaces). Two things are
compared with the gold PER/ORG/LOC spans (exact token span and type):

- ``finder``: the entity finder (``annotators.entities``: a CRF over the mention finder's proposals);
- ``actors``: the names of people, organisations and places the actor stage ends up with (the mention
  finder and clustering, with the finder's verdicts where the mention finder only guessed).

The finder's CRF is trained on UNER dev, so its figure is the one on test.

    python -m annotators.ner_eval CORPORA/uner-english-ewt/en_ewt-ud-dev.iob2
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .doc import Doc, Sentence
from .entities import Clusterer, find_entities
from .entity_tagger import entities
from .mentions import Mention, find_mentions, gazetteer
from .model import Span

TYPES = {"person": "PER", "organisation": "ORG", "place": "LOC"}


@dataclass
class Article:
    sentences: list[list[tuple[str, str]]] = field(default_factory=list)  # (token, IOB2 tag)


def read_iob2(path: Path) -> Iterator[Article]:
    article, sentence = Article(), []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc") and (article.sentences or sentence):
            if sentence:
                article.sentences.append(sentence)
                sentence = []
            yield article
            article = Article()
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if sentence:
                article.sentences.append(sentence)
            sentence = []
        else:
            columns = line.split("\t")
            sentence.append((columns[1], columns[2]))
    if sentence:
        article.sentences.append(sentence)
    if article.sentences:
        yield article


def as_doc(article: Article) -> tuple[Doc, set[tuple[int, int, str]]]:
    """The article as a Doc with the corpus' own tokens, and its gold entities as char spans."""
    parts: list[str] = []
    sentences: list[Sentence] = []
    gold: set[tuple[int, int, str]] = set()
    offset = 0
    for number, tokens in enumerate(article.sentences):
        spans: list[Span] = []
        sentence_start = offset
        open_entity: tuple[int, str] | None = None
        for word, tag in tokens:
            if open_entity and not tag.startswith("I-"):
                gold.add((open_entity[0], spans[-1].end, open_entity[1]))
                open_entity = None
            if tag.startswith("B-"):
                open_entity = (offset, tag[2:])
            spans.append(Span(offset, offset + len(word)))
            parts.append(word + " ")
            offset += len(word) + 1
        if open_entity:
            gold.add((open_entity[0], spans[-1].end, open_entity[1]))
        sentences.append(Sentence(Span(sentence_start, offset - 1), number, tuple(spans)))
        parts[-1] = parts[-1][:-1] + "\n"
    text = "".join(parts)
    return Doc(text, sentences=tuple(sentences)), gold


def clustered_mentions(doc: Doc) -> list[Mention]:
    """The mention finder's mentions, clustered (what the entity finder reads)."""
    mentions = find_mentions(doc)
    Clusterer(doc.text, gazetteer()).cluster(mentions)
    return mentions


def found_by_finder(doc: Doc) -> set[tuple[int, int, str]]:
    return {(span.start, span.end, TYPES[kind]) for span, kind in entities(doc, clustered_mentions(doc)).items()}


def predicted(doc: Doc) -> set[tuple[int, int, str]]:
    """The actor stage's names of people, organisations and places."""
    mentions, _ = find_entities(doc)
    found = set()
    for mention in mentions:
        if mention.form != "name" or mention.entity is None:
            continue
        label = TYPES.get(mention.entity.kind)
        if label:
            found.add((mention.span.start, mention.span.end, label))
    return found


Predictor = Callable[[Doc], set[tuple[int, int, str]]]


def score(path: Path, guess_for: Predictor = predicted) -> dict[str, dict[str, float]]:
    true_positives: Counter[str] = Counter()
    predicted_count: Counter[str] = Counter()
    gold_count: Counter[str] = Counter()
    for article in read_iob2(path):
        doc, gold = as_doc(article)
        guess = guess_for(doc)
        for _, _, label in guess:
            predicted_count[label] += 1
        for _, _, label in gold:
            gold_count[label] += 1
        for _, _, label in guess & gold:
            true_positives[label] += 1
    report = {}
    for label in ("PER", "ORG", "LOC", "all"):
        tp = sum(true_positives.values()) if label == "all" else true_positives[label]
        pred = sum(predicted_count.values()) if label == "all" else predicted_count[label]
        gold = sum(gold_count.values()) if label == "all" else gold_count[label]
        precision = tp / pred if pred else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        report[label] = {"precision": precision, "recall": recall, "f1": f1, "gold": gold, "predicted": pred}
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("iob2", type=Path, help="an IOB2 file, e.g. en_ewt-ud-dev.iob2")
    args = parser.parse_args(argv)
    print(f"{'':7}{'type':5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for name, guess_for in (("finder", found_by_finder), ("actors", predicted)):
        started = time.perf_counter()
        for label, row in score(args.iob2, guess_for).items():
            print(
                f"{name:7}{label:5} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} "
                f"{row['gold']:6.0f} {row['predicted']:6.0f}"
            )
        print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

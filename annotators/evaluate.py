"""Scoring attributed statements against a brat gold corpus (PolNeAR's metrics).

Over whole articles, with tokens = ``\\w+`` runs (a span is the set of token start offsets inside it):

- content overlap P/R/F1: one-to-one greedy matching of predicted to gold contents on token
  Jaccard >= 0.5 (best pairs first);
- content exact P/R/F1: the same matching with Jaccard == 1;
- attribution P/R/F1: an overlap match whose predicted source shares a token with the gold source
  (gold without a source: the predicted source must be null too);
- cue accuracy among overlap matches (predicted cue shares a token with the gold cue);
- direct recall: overlap recall on gold contents that contain a quotation mark;
- words per second of annotation (``\\w+`` runs over the CPU time spent annotating, after a warm-up
  that loads the models: on a shared machine wall time measures the neighbours' load as much as ours).

``evaluate_stance`` scores the directed-sentiment model of the stance stage on the corpus's TSV
(``quotelens eval-stance``): accuracy, macro-F1 with its bootstrap interval, per-label P/R/F1.

``agreement`` gives the same figures for two people: the second annotator of an article scored
against the first, on the articles PolNeAR had annotated twice.

Figures are rounded to 4 places, as ``tools/polnear_score.py`` (the independent reference) does.
"""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from . import bootstrap
from .brat import GoldArticle, GoldAttribution, read_doubly_annotated, read_split
from .model import Annotation, Span, Statement
from .stance.model import LABELS, features, mask, read_tsv, shipped_model


WORD = re.compile(r"\w+")
QUOTATION_MARK = re.compile(r"[\"“”]")
OVERLAP, EXACT = 0.5, 1.0
WARM_UP = "“We are ready,” the minister said on Friday.\n"

TokenSet = frozenset[int]


def token_set(text: str, spans: Iterable[Span]) -> TokenSet:
    return frozenset(m.start() for span in spans for m in WORD.finditer(text, span.start, span.end))


def greedy_match(gold: Sequence[TokenSet], predicted: Sequence[TokenSet], threshold: float) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs with Jaccard >= threshold, best pairs first.

    Ties break on the higher gold index, then the higher predicted index, like the reference scorer.
    """
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            shared = len(g & p)
            if shared and (jaccard := shared / len(g | p)) >= threshold:
                pairs.append((jaccard, i, j))
    pairs.sort(reverse=True)
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    matches = []
    for _, i, j in pairs:
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            matches.append((i, j))
    return matches


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    overlap: int = 0
    exact: int = 0
    attribution: int = 0
    cue: int = 0
    gold_direct: int = 0
    direct: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _spans(value: Span | tuple[Span, ...] | None) -> tuple[Span, ...]:
    """A statement's one source or cue span, or a gold attribution's pieces, as pieces."""
    return () if value is None else (value,) if isinstance(value, Span) else value


def score_article(text: str, gold: Iterable[Any], predicted: Iterable[Statement | GoldAttribution]) -> Counts:
    """Counts for one article; ``gold`` items have ``content``/``source``/``cue`` span tuples, and so
    may the predicted ones (another annotator's attributions)."""
    gold_items = [(g, s) for g in gold if (s := token_set(text, g.content))]
    predicted_items = [(p, s) for p in predicted if (s := token_set(text, p.content))]
    gold_sets = [s for _, s in gold_items]
    predicted_sets = [s for _, s in predicted_items]
    overlap = greedy_match(gold_sets, predicted_sets, OVERLAP)
    counts = Counts(
        gold=len(gold_items),
        predicted=len(predicted_items),
        overlap=len(overlap),
        exact=len(greedy_match(gold_sets, predicted_sets, EXACT)),
    )
    for i, j in overlap:
        gold_item, statement = gold_items[i][0], predicted_items[j][0]
        gold_source = token_set(text, gold_item.source)
        predicted_source = token_set(text, _spans(statement.source))
        if (gold_source & predicted_source) if gold_source else not predicted_source:
            counts.attribution += 1
        if token_set(text, gold_item.cue) & token_set(text, _spans(statement.cue)):
            counts.cue += 1
    direct = [i for i, (g, _) in enumerate(gold_items) if any(QUOTATION_MARK.search(s.text(text)) for s in g.content)]
    matched = {i for i, _ in overlap}
    counts.gold_direct = len(direct)
    counts.direct = sum(1 for i in direct if i in matched)
    return counts


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def _figures(c: Counts) -> dict[str, float]:
    """The headline figures of some counts (unrounded): the ones the bootstrap reports."""
    def f1(hits: int) -> float:
        return 2 * hits / (c.predicted + c.gold) if c.predicted + c.gold else 0.0

    return {
        "content_overlap_f1": f1(c.overlap),
        "content_exact_f1": f1(c.exact),
        "attribution_f1": f1(c.attribution),
        "direct_recall": c.direct / c.gold_direct if c.gold_direct else 0.0,
    }


@dataclass
class Report:
    articles: int = 0
    counts: Counts = field(default_factory=Counts)
    words: int = 0
    seconds: float = 0.0
    per_article: list[Counts] = field(default_factory=list)

    def add(self, counts: Counts) -> None:
        """One more article's counts."""
        self.articles += 1
        self.counts.add(counts)
        self.per_article.append(counts)

    def intervals(self) -> dict[str, tuple[float, float]]:
        """95 % bootstrap intervals of the headline figures, resampling whole articles: how far they
        could move on another split of the same size (dev has 84 articles)."""
        if not self.per_article:
            return {}

        def draw(rng: random.Random) -> dict[str, float]:
            total = Counts()
            for _ in self.per_article:
                total.add(rng.choice(self.per_article))
            return _figures(total)

        return bootstrap.intervals(draw)

    def to_json(self) -> dict[str, Any]:
        """The reference scorer's keys (plus ``words_per_second``)."""
        c = self.counts
        return {
            "articles": self.articles,
            "missing_predictions": 0,
            "gold": c.gold,
            "predicted": c.predicted,
            "content_overlap": _prf(c.overlap, c.predicted, c.gold),
            "content_exact": _prf(c.exact, c.predicted, c.gold),
            "attribution": _prf(c.attribution, c.predicted, c.gold),
            "cue_given_content": round(c.cue / c.overlap, 4) if c.overlap else 0.0,
            "direct_recall": round(c.direct / c.gold_direct, 4) if c.gold_direct else 0.0,
            "words_per_second": round(self.words / self.seconds) if self.seconds else 0,
        }


Annotator = Callable[[str], Annotation]


def evaluate_articles(articles: Iterable[GoldArticle], annotate: Annotator | None = None) -> Report:
    """Annotate every article and score it; only the annotating is timed (CPU time of this process)."""
    if annotate is None:
        from .pipeline import annotate
    annotate(WARM_UP)  # load models and lexicons before the clock runs, as the benchmark does
    report = Report()
    for article in articles:
        started = time.process_time()
        annotation = annotate(article.text)
        report.seconds += time.process_time() - started
        report.words += sum(1 for _ in WORD.finditer(article.text))
        report.add(score_article(article.text, article.attributions, annotation.statements))
    return report


def evaluate(split_dir: Path, annotate: Annotator | None = None) -> Report:
    return evaluate_articles(read_split(split_dir), annotate)


def agreement(split_dir: Path) -> Report:
    """The same figures for people: on the articles two annotators did, the second scored against
    the first. What a system can hope for on this corpus (no time: nothing is annotated)."""
    report = Report()
    for first, second in read_doubly_annotated(split_dir):
        report.add(score_article(first.text, first.attributions, second.attributions))
    return report


# --- the directed-sentiment model (quotelens eval-stance) ----------------------------------------------


def per_label_scores(gold: Sequence[int], predicted: Sequence[int], labels: Iterable[int]) -> dict[int, dict]:
    """Precision, recall, F1 and support of each label."""
    pairs = Counter(zip(gold, predicted))
    gold_counts, predicted_counts = Counter(gold), Counter(predicted)
    scores = {}
    for label in labels:
        hits = pairs[(label, label)]
        precision = hits / predicted_counts[label] if predicted_counts[label] else 0.0
        recall = hits / gold_counts[label] if gold_counts[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[label] = {"precision": precision, "recall": recall, "f1": f1, "support": gold_counts[label]}
    return scores


def macro_f1(gold: Sequence[int], predicted: Sequence[int], labels: Iterable[int]) -> float:
    scores = per_label_scores(gold, predicted, labels)
    return sum(s["f1"] for s in scores.values()) / len(scores)


def macro_f1_interval(gold: Sequence[int], predicted: Sequence[int], labels: Sequence[int]) -> tuple[float, float]:
    """A 95 % bootstrap interval of macro-F1 over the rows: how far the figure could move on another
    sample of the same size (a thousand rows leave rare labels with a hundred or two)."""
    n = len(gold)

    def draw(rng: random.Random) -> dict[str, float]:
        rows = [rng.randrange(n) for _ in range(n)]
        return {"macro_f1": macro_f1([gold[i] for i in rows], [predicted[i] for i in rows], labels)}

    return bootstrap.intervals(draw)["macro_f1"]


def evaluate_stance(path: Path, classify: Callable[..., dict[str, float]] | None = None) -> dict[str, Any]:
    """Accuracy, macro-F1 over the five labels (with its bootstrap interval) and per-label P/R/F1 of a
    directed-sentiment scorer (``classify(text, first, second)`` -> label probabilities; the fast
    model's linear one by default) on a directed-sentiment TSV file. Per-label keys are the corpus's
    label numbers as strings."""
    if classify is None:
        model = shipped_model()

        def classify(text, first, second):
            return model.probabilities(features(mask(text, first, second)))

    gold, predicted = [], []
    with path.open(encoding="utf-8") as lines:
        for text, first, second, label in read_tsv(lines):
            gold.append(label)
            probabilities = classify(text, first, second)
            predicted.append(LABELS.index(max(probabilities, key=probabilities.__getitem__)))
    labels = range(len(LABELS))
    per_label = per_label_scores(gold, predicted, labels)
    return {
        "rows": len(gold),
        "accuracy": sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0,
        "macro_f1": sum(s["f1"] for s in per_label.values()) / len(LABELS),
        "macro_f1_95ci": list(macro_f1_interval(gold, predicted, labels)) if gold else None,
        "per_label": {str(k): {"name": LABELS[k], **v} for k, v in per_label.items()},
    }


def side_by_side(columns: dict[str, Report]) -> str:
    """Reports as a plain-text table, one column each (fast, accurate, second annotator), headline F1s and
    direct recall with their 95 % bootstrap intervals."""
    rows: list[tuple[str, list[str]]] = []
    figures = {name: report.to_json() for name, report in columns.items()}
    intervals = {name: report.intervals() for name, report in columns.items()}

    def add(label: str, cell) -> None:
        rows.append((label, [cell(name) for name in columns]))

    def with_interval(value: float, name: str, key: str) -> str:
        low, high = intervals[name].get(key, (value, value))
        return f"{value:.4f} ({low:.3f}-{high:.3f})"

    for key in ("articles", "gold", "predicted"):
        add(key, lambda name, key=key: str(figures[name][key]))
    for key, headline in (("content_overlap", "content_overlap_f1"), ("content_exact", "content_exact_f1"),
                          ("attribution", "attribution_f1")):
        label = key.replace("_", " ")
        add(f"{label} P", lambda name, key=key: f"{figures[name][key][0]:.4f}")
        add(f"{label} R", lambda name, key=key: f"{figures[name][key][1]:.4f}")
        add(f"{label} F1", lambda name, key=key, headline=headline: with_interval(figures[name][key][2], name, headline))
    add("cue given content", lambda name: f"{figures[name]['cue_given_content']:.4f}")
    add("direct recall", lambda name: with_interval(figures[name]["direct_recall"], name, "direct_recall"))
    add("words per second", lambda name: f"{figures[name]['words_per_second']:,}" if columns[name].seconds else "-")
    width = max(len(label) for label, _ in rows)
    cell_width = max(22, *(len(name) for name in columns))
    lines = [" " * width + "  " + "  ".join(f"{name:>{cell_width}}" for name in columns)]
    lines += [f"{label:<{width}}  " + "  ".join(f"{cell:>{cell_width}}" for cell in cells) for label, cells in rows]
    lines.append("(F1 and direct recall: 95% bootstrap intervals over articles in brackets)")
    return "\n".join(lines)

"""Stance: whom and what each actor endorses or blames, with the evidence.

This module holds the scoring of the directed-sentiment model on the corpus format
(``quotelens eval-stance``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Sequence

from .stance_model import LABELS, features, mask, read_tsv, shipped_model


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


def evaluate(path: Path) -> dict[str, Any]:
    """Accuracy, macro-F1 over the five labels and per-label P/R/F1 of the shipped model on a
    directed-sentiment TSV file. Per-label keys are the corpus's label numbers as strings."""
    model = shipped_model()
    gold, predicted = [], []
    with path.open(encoding="utf-8") as lines:
        for text, first, second, label in read_tsv(lines):
            gold.append(label)
            predicted.append(LABELS.index(model.predict(features(mask(text, first, second)))))
    labels = range(len(LABELS))
    per_label = per_label_scores(gold, predicted, labels)
    return {
        "rows": len(gold),
        "accuracy": sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0,
        "macro_f1": sum(s["f1"] for s in per_label.values()) / len(LABELS),
        "per_label": {str(k): {"name": LABELS[k], **v} for k, v in per_label.items()},
    }

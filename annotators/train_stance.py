"""Train the directed-sentiment model the stance stage ships.

    python -m annotators.train_stance ../shared/corpora/directed-sentiment/train.tsv \\
        --out annotators/models/stance.json.gz

A multinomial logistic regression over ``stance_model.features``. The regularisation strength and the
class weighting are chosen by cross-validation on the training file alone, with folds grouped by
sentence (the corpus repeats sentences; a fold must not see its own sentences in training, or the
choice favours memorising). The chosen setting is refitted on all of train and written as gzipped
JSON: labels, biases and per-feature weights, no text.

Needs numpy and scikit-learn at training time only (``pip install .[train]``); inference does not.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Sequence

from .stance import macro_f1
from .stance_model import LABELS, LinearModel, features, mask, read_tsv

C_GRID = (0.05, 0.1, 0.2)
WEIGHTINGS = ("sqrt", "balanced")


def load(path: Path) -> tuple[list[dict[str, float]], list[int], list[str]]:
    """Features, labels and grouping keys (the sentence) of a corpus file."""
    feats, labels, groups = [], [], []
    with path.open(encoding="utf-8") as lines:
        for text, first, second, label in read_tsv(lines):
            feats.append(features(mask(text, first, second)))
            labels.append(label)
            groups.append(text)
    return feats, labels, groups


def frequent_features(feats: Sequence[dict[str, float]], min_count: int) -> set[str]:
    counts = Counter(name for row in feats for name in row)
    return {name for name, n in counts.items() if n >= min_count}


def class_weights(labels: Sequence[int], weighting: str) -> dict[int, float] | None:
    if weighting == "none":
        return None
    counts = Counter(labels)
    power = 0.5 if weighting == "sqrt" else 1.0
    return {k: (len(labels) / (len(counts) * n)) ** power for k, n in counts.items()}


def fit(feats, labels, c: float, weighting: str, vocabulary: set[str]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([{k: v for k, v in row.items() if k in vocabulary} for row in feats])
    classifier = LogisticRegression(C=c, class_weight=class_weights(labels, weighting), max_iter=2000)
    classifier.fit(matrix, labels)
    return vectorizer, classifier


def cross_validate(feats, labels, groups, folds: int, min_count: int, log) -> tuple[float, str]:
    from sklearn.model_selection import GroupKFold

    best = (-1.0, 0.0, "")
    splits = list(GroupKFold(n_splits=folds).split(feats, labels, groups))
    for weighting in WEIGHTINGS:
        for c in C_GRID:
            gold, predicted = [], []
            for train_index, test_index in splits:
                train_feats = [feats[i] for i in train_index]
                vocabulary = frequent_features(train_feats, min_count)
                vectorizer, classifier = fit(
                    train_feats, [labels[i] for i in train_index], c, weighting, vocabulary
                )
                predicted += list(classifier.predict(vectorizer.transform([feats[i] for i in test_index])))
                gold += [labels[i] for i in test_index]
            score = macro_f1(gold, predicted, range(len(LABELS)))
            log(f"cv C={c:<5} weighting={weighting:<8} macro-F1={score:.3f}")
            if score > best[0]:
                best = (score, c, weighting)
    return best[1], best[2]


def to_model(vectorizer, classifier, min_weight: float) -> LinearModel:
    """The fitted classifier as a ``LinearModel``, dropping features whose every weight is tiny."""
    order = [list(classifier.classes_).index(k) for k in range(len(LABELS))]
    weights = {}
    for column, name in enumerate(vectorizer.feature_names_):
        row = [float(classifier.coef_[k, column]) for k in order]
        if max(abs(w) for w in row) >= min_weight:
            weights[name] = tuple(round(w, 4) for w in row)
    bias = tuple(round(float(classifier.intercept_[k]), 4) for k in order)
    return LinearModel(LABELS, bias, weights)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotators.train_stance", description=__doc__.split("\n")[0])
    parser.add_argument("train", type=Path, help="directed-sentiment TSV (sentence, p, q, label)")
    parser.add_argument("--out", type=Path, required=True, help="where to write the gzipped JSON weights")
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--min-count", type=int, default=3, help="drop features seen in fewer rows")
    parser.add_argument("--min-weight", type=float, default=0.02, help="drop features with smaller weights")
    parser.add_argument("--c", type=float, help="skip cross-validation: use this C ...")
    parser.add_argument("--weighting", choices=WEIGHTINGS, help="... and this class weighting")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    feats, labels, groups = load(args.train)
    log(f"{len(labels)} rows, {len(set(groups))} distinct sentences")
    if args.c is not None and args.weighting:
        c, weighting = args.c, args.weighting
    else:
        c, weighting = cross_validate(feats, labels, groups, args.folds, args.min_count, log)
    log(f"chosen: C={c} weighting={weighting}")
    vectorizer, classifier = fit(feats, labels, c, weighting, frequent_features(feats, args.min_count))
    model = to_model(vectorizer, classifier, args.min_weight)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    log(f"wrote {args.out}: {len(model.weights)} features, {math.ceil(args.out.stat().st_size / 1024)} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

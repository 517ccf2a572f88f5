"""Train the directed-sentiment model the stance stage ships.

    python -m annotators.train_stance CORPORA/directed-sentiment/train.tsv \\
        --out annotators/models/stance.json.gz

A multinomial logistic regression over ``stance.model.features``. The corpus repeats rows: a quarter
of train are copies of other train rows (mostly non-neutral ones), as a quarter of valid are copies of
train. So exact duplicates are dropped before training, and the settings (regularisation strength,
class weighting, and an offset added to the neutral bias) are chosen by cross-validation on train
alone, with folds grouped by sentence, scored on the rows whose sentence occurs once in train: the
rows that look like ``valid-novel``. The chosen setting is refitted on all of train and written as
gzipped JSON: labels, biases and per-feature weights, no text.

Needs numpy and scikit-learn at training time only (``pip install .[train]``); inference does not.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Sequence

from .evaluate import macro_f1
from .stance.model import LABELS, LinearModel, features, mask, read_tsv

C_GRID = (0.05, 0.1)
WEIGHTINGS = ("sqrt", "balanced")
NEUTRAL_OFFSETS = (0.0, 0.25, 0.5, 0.75, 1.0)


def load(path: Path) -> tuple[list[dict[str, float]], list[int], list[str], list[bool]]:
    """Features, labels, grouping keys (the sentence) and whether the sentence occurs only once, of
    the distinct rows of a corpus file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    occurrences = Counter(line.split("\t", 1)[0] for line in lines)
    feats, labels, groups, single = [], [], [], []
    for line in dict.fromkeys(lines):  # exact duplicate rows count once
        for text, first, second, label in read_tsv([line]):
            feats.append(features(mask(text, first, second)))
            labels.append(label)
            groups.append(text)
            single.append(occurrences[line.split("\t", 1)[0]] == 1)
    return feats, labels, groups, single


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


def cross_validate(feats, labels, groups, single, folds: int, min_count: int, log) -> tuple[float, str, float]:
    """The (C, weighting, neutral offset) with the best macro-F1 on held-out once-only rows."""
    from sklearn.model_selection import GroupKFold

    best = (-1.0, 0.0, "", 0.0)
    splits = list(GroupKFold(n_splits=folds).split(feats, labels, groups))
    for weighting in WEIGHTINGS:
        for c in C_GRID:
            gold, scores = [], []
            for train_index, test_index in splits:
                held_out = [i for i in test_index if single[i]]
                train_feats = [feats[i] for i in train_index]
                vocabulary = frequent_features(train_feats, min_count)
                vectorizer, classifier = fit(
                    train_feats, [labels[i] for i in train_index], c, weighting, vocabulary
                )
                order = [list(classifier.classes_).index(k) for k in range(len(LABELS))]
                log_probabilities = classifier.predict_log_proba(vectorizer.transform([feats[i] for i in held_out]))
                scores += [[row[k] for k in order] for row in log_probabilities]
                gold += [labels[i] for i in held_out]
            for offset in NEUTRAL_OFFSETS:
                predicted = [max(range(len(LABELS)), key=lambda k: row[k] + offset * (k == 0)) for row in scores]
                score = macro_f1(gold, predicted, range(len(LABELS)))
                log(f"cv C={c:<5} weighting={weighting:<8} neutral+{offset:<4} macro-F1={score:.3f}")
                if score > best[0]:
                    best = (score, c, weighting, offset)
    return best[1], best[2], best[3]


def to_model(vectorizer, classifier, min_weight: float, neutral_offset: float) -> LinearModel:
    """The fitted classifier as a ``LinearModel`` (the neutral offset folded into the neutral bias),
    dropping features whose every weight is tiny."""
    order = [list(classifier.classes_).index(k) for k in range(len(LABELS))]
    weights = {}
    for column, name in enumerate(vectorizer.feature_names_):
        row = [float(classifier.coef_[k, column]) for k in order]
        if max(abs(w) for w in row) >= min_weight:
            weights[name] = tuple(round(w, 4) for w in row)
    bias = tuple(round(float(classifier.intercept_[k]) + neutral_offset * (k == 0), 4) for k in order)
    return LinearModel(LABELS, bias, weights)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotators.train_stance", description="Train the stance model.")
    parser.add_argument("train", type=Path, help="directed-sentiment TSV (sentence, p, q, label)")
    parser.add_argument("--out", type=Path, required=True, help="where to write the gzipped JSON weights")
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--min-count", type=int, default=3, help="drop features seen in fewer rows")
    parser.add_argument("--min-weight", type=float, default=0.02, help="drop features with smaller weights")
    parser.add_argument("--c", type=float, help="skip cross-validation: use this C ...")
    parser.add_argument("--weighting", choices=WEIGHTINGS, help="... this class weighting ...")
    parser.add_argument("--neutral-offset", type=float, default=0.0, help="... and this neutral offset")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    feats, labels, groups, single = load(args.train)
    log(f"{len(labels)} distinct rows, {len(set(groups))} sentences, {sum(single)} rows of once-only sentences")
    if args.c is not None and args.weighting:
        c, weighting, offset = args.c, args.weighting, args.neutral_offset
    else:
        c, weighting, offset = cross_validate(feats, labels, groups, single, args.folds, args.min_count, log)
    log(f"chosen: C={c} weighting={weighting} neutral offset={offset}")
    vectorizer, classifier = fit(feats, labels, c, weighting, frequent_features(feats, args.min_count))
    model = to_model(vectorizer, classifier, args.min_weight, offset)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    log(f"wrote {args.out}: {len(model.weights)} features, {math.ceil(args.out.stat().st_size / 1024)} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Measure mixing two directed-sentiment classifiers: the accurate model's encoder with the fast model.

    nice python scripts/stance_mix.py [CORPUS_DIR] [--first MODULE:FUNCTION] [--second MODULE:FUNCTION]
        [--how linear,log-linear] [--weights W,...] [--offsets=B,...] [--folds 5] [--repeats 20]
        [--scores FILE]

CORPUS_DIR is the directed-sentiment corpus (default ../shared/corpora/directed-sentiment beside the
checkout). ``--first`` (default the encoder's stance head) and ``--second`` (default the fast model's
linear one) are any ``classify(text, first, second) -> {label: probability}``. A setting ``Mix(weight,
neutral_offset, how)`` gives the first classifier ``weight`` and the second the rest, averaging the
probabilities (``linear``) or the log-probabilities (``log-linear``), then adds ``neutral_offset`` to
neutral's log-probability (as ``annotators.train_stance`` does for the linear model alone); the grid
is every combination of ``--how``, ``--weights`` and ``--offsets`` (``--weights 1`` measures the
first classifier with a neutral offset only). ``--scores FILE`` keeps both classifiers'
probabilities there (a rerun with the same classifiers reads them instead of running the encoder).

Where to choose. Both classifiers were trained on all of ``train.tsv``, so their train probabilities
are overconfident and no part of train is held out from them. ``valid-novel.tsv`` is a subset of
``valid.tsv`` (the rows whose sentence is not in train; the other 392 rows are copies of train rows),
so choosing on one and reporting the other would score rows the choice was made on. So one setting
is chosen on all valid-novel rows (macro-F1: the corpus README says to judge on valid-novel); its
figures on valid-novel and valid are printed but are in-sample. The honest figures are cross-fitted:
valid is split into FOLDS parts by sentence, each part is predicted with the setting chosen on the
valid-novel rows of the other parts, and the predictions of all parts are scored together, REPEATS
times with different splits (mean, min and max printed). Compare them with each classifier alone.

Prints both classifiers alone, the grid (macro-F1 on valid-novel and on valid per weight and offset),
the chosen setting, the cross-fitted figures and the folds' choices, and how many pairs pass the
stance stage's probability threshold on valid-novel and how many of those are right.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import math
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotators.evaluate import macro_f1  # noqa: E402
from annotators.stance import stage  # noqa: E402
from annotators.stance.model import LABELS, read_tsv  # noqa: E402
from benchmarks.corpus import SHARED  # noqa: E402

WEIGHTS = tuple(round(0.05 * k, 2) for k in range(21))
OFFSETS = tuple(round(-2.0 + 0.25 * k, 2) for k in range(13))  # -2 .. 1
HOWS = ("linear", "log-linear")
_FLOOR = 1e-12  # a probability that underflowed to 0 still has a logarithm


@dataclass(frozen=True)
class Mix:
    """How two classifiers' probabilities become one."""

    weight: float  # the first classifier's share, 0..1 (the second has the rest)
    neutral_offset: float = 0.0  # added to neutral's log-probability after mixing: < 0 favours a stance
    how: str = "linear"  # or "log-linear"


def mix(first: dict[str, float], second: dict[str, float], setting: Mix) -> dict[str, float]:
    """The mixed label probabilities of two classifiers' (same labels); they sum to 1."""
    w = setting.weight
    if setting.how == "linear":
        scores = {label: math.log(max(w * p + (1 - w) * second[label], _FLOOR)) for label, p in first.items()}
    else:
        scores = {
            label: w * math.log(max(p, _FLOOR)) + (1 - w) * math.log(max(second[label], _FLOOR))
            for label, p in first.items()
        }
    scores["neutral"] += setting.neutral_offset
    top = max(scores.values())
    exps = {label: math.exp(s - top) for label, s in scores.items()}
    total = sum(exps.values())
    return {label: e / total for label, e in exps.items()}


def load(spec: str):
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def read_rows(corpus: Path) -> tuple[list[tuple], np.ndarray]:
    """The rows of valid.tsv (text, first, second, label) and which of them are valid-novel's."""
    novel_lines = Counter((corpus / "valid-novel.tsv").read_text(encoding="utf-8").splitlines())
    rows, novel = [], []
    for line in (corpus / "valid.tsv").read_text(encoding="utf-8").splitlines():
        for row in read_tsv([line]):
            rows.append(row)
            novel.append(novel_lines[line] > 0)
            novel_lines[line] -= 1
    return rows, np.array(novel)


def probabilities(rows, specs: tuple[str, str], cache: Path | None) -> list[list[dict[str, float]]]:
    """Each classifier's label probabilities for each row (from ``cache`` when it holds these)."""
    key = hashlib.sha256(json.dumps([specs, [r[:3] for r in rows]]).encode()).hexdigest()
    if cache is not None and cache.is_file():
        stored = json.loads(cache.read_text())
        if stored["key"] == key:
            return stored["probabilities"]
    found = []
    for spec in specs:
        classify = load(spec)
        found.append([classify(text, first, second) for text, first, second, _ in rows])
    if cache is not None:
        cache.write_text(json.dumps({"key": key, "probabilities": found}))
    return found


def predictions(first, second, settings: list[Mix]) -> np.ndarray:
    """Settings x rows: the label index each setting's mix puts first."""
    out = np.empty((len(settings), len(first)), dtype=np.int64)
    for s, setting in enumerate(settings):
        for r, (a, b) in enumerate(zip(first, second)):
            mixed = mix(a, b, setting)
            out[s, r] = LABELS.index(max(mixed, key=mixed.__getitem__))
    return out


def macro_f1s(predicted: np.ndarray, gold: np.ndarray) -> np.ndarray:
    """Macro-F1 over the five labels of each row of ``predicted`` (settings x rows), as
    ``annotators.evaluate.macro_f1`` computes it (F1 = 2 TP / (predicted + gold), 0 when TP is 0)."""
    total = np.zeros(len(predicted))
    for k in range(len(LABELS)):
        hits = ((predicted == k) & (gold == k)).sum(1)
        both = (predicted == k).sum(1) + (gold == k).sum()
        total += np.where(hits > 0, 2 * hits / np.maximum(both, 1), 0.0)
    return total / len(LABELS)


def grouped_folds(rows, folds: int, seed: int) -> np.ndarray:
    """A fold number per row; rows with the same sentence share one."""
    sentences = sorted({text for text, *_ in rows})
    random.Random(seed).shuffle(sentences)
    fold_of = {text: i % folds for i, text in enumerate(sentences)}
    return np.array([fold_of[text] for text, *_ in rows])


def cross_fitted(rows, predicted, gold, novel, folds: int, repeats: int, settings):
    """Per repeat: macro-F1 on valid and valid-novel of predictions made with settings chosen on the
    other folds' valid-novel rows; and how often each setting was chosen."""
    scores, chosen = [], Counter()
    for seed in range(repeats):
        fold = grouped_folds(rows, folds, seed)
        out = np.empty(len(rows), dtype=np.int64)
        for k in range(folds):
            choosing = (fold != k) & novel
            best = int(np.argmax(macro_f1s(predicted[:, choosing], gold[choosing])))
            chosen[settings[best]] += 1
            out[fold == k] = predicted[best, fold == k]
        scores.append((macro_f1(gold, out, range(len(LABELS))),
                       macro_f1(gold[novel], out[novel], range(len(LABELS)))))
    return np.array(scores), chosen


def name(setting: Mix) -> str:
    return f"{setting.how} w={setting.weight:.2f} neutral{setting.neutral_offset:+.2f}"


def print_grid(predicted, gold, novel, settings, hows, weights, offsets) -> None:
    index = {s: i for i, s in enumerate(settings)}
    for how in hows:
        for title, rows in (("valid-novel", novel), ("valid", np.ones_like(novel))):
            f1 = macro_f1s(predicted[:, rows], gold[rows])
            print(f"\n{how}, macro-F1 on {title} (rows: first classifier's weight; columns: neutral offset)")
            print("  w  " + " ".join(f"{o:>6.2f}" for o in offsets))
            for w in weights:
                print(f"{w:.2f} " + " ".join(f"{f1[index[Mix(w, o, how)]]:6.3f}" for o in offsets))


def threshold_counts(first, second, setting: Mix, gold) -> tuple[int, int]:
    """Pairs whose best stance label passes the stance stage's threshold, and how many are right."""
    passed = right = 0
    for a, b, label in zip(first, second, gold):
        mixed = mix(a, b, setting)
        best = max(LABELS[1:], key=mixed.__getitem__)
        if mixed[best] >= stage._MODEL_THRESHOLD:
            passed += 1
            right += LABELS.index(best) == label
    return passed, right


def numbers(text: str) -> tuple[float, ...]:
    return tuple(float(v) for v in text.split(","))


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=SHARED / "corpora" / "directed-sentiment")
    parser.add_argument("--first", default="annotators.encoder.runtime:classify")
    parser.add_argument("--second", default="annotators.stance.model:classify")
    parser.add_argument("--how", type=lambda v: tuple(v.split(",")), default=HOWS)
    parser.add_argument("--weights", type=numbers, default=WEIGHTS, help="the first classifier's shares")
    parser.add_argument("--offsets", type=numbers, default=OFFSETS, help="neutral offsets")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--scores", type=Path, help="keep the classifiers' probabilities in this JSON file")
    return parser.parse_args()


def main() -> int:
    args = arguments()
    rows, novel = read_rows(args.corpus)
    gold = np.array([label for *_, label in rows])
    first, second = probabilities(rows, (args.first, args.second), args.scores)
    settings = [Mix(w, o, how) for how in args.how for w in args.weights for o in args.offsets]
    predicted = predictions(first, second, settings)
    labels = range(len(LABELS))

    def figures(p: np.ndarray) -> str:
        return " / ".join(f"{macro_f1(gold[m], p[m], labels):.3f}" for m in (novel, np.ones_like(novel), ~novel))

    print(f"valid {len(rows)} rows: valid-novel {int(novel.sum())}, copies of train {int((~novel).sum())}")
    print("macro-F1 valid-novel / valid / copies of train:")
    for label, row in zip((args.first, args.second), predictions(first, second, [Mix(1.0), Mix(0.0)])):
        print(f"  {label} alone: {figures(row)}")
    print_grid(predicted, gold, novel, settings, args.how, args.weights, args.offsets)

    best = int(np.argmax(macro_f1s(predicted[:, novel], gold[novel])))
    print(f"\nchosen on all valid-novel rows: {name(settings[best])}")
    print(f"  valid-novel / valid / copies of train: {figures(predicted[best])} (in-sample but for the copies)")
    scores, chosen = cross_fitted(rows, predicted, gold, novel, args.folds, args.repeats, settings)
    print(f"cross-fitted ({args.repeats} x {args.folds} folds by sentence, each fold with the setting chosen "
          "on the other folds' valid-novel rows):")
    for values, title in zip(scores.T, ("valid", "valid-novel")):
        print(f"  {title}: mean {values.mean():.3f} (min {values.min():.3f}, max {values.max():.3f})")
    print("  the folds' choices: " + "; ".join(f"{name(s)} x{n}" for s, n in chosen.most_common(6)))

    print(f"pairs over the stance stage's threshold ({stage._MODEL_THRESHOLD}) on valid-novel, right / passed:")
    novel_first, novel_second = ([p[i] for i in np.flatnonzero(novel)] for p in (first, second))
    for label, setting in ((args.first, Mix(1.0)), (args.second, Mix(0.0)), ("chosen", settings[best])):
        print(f"  {label}: %d / %d" % threshold_counts(novel_first, novel_second, setting, gold[novel])[::-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())

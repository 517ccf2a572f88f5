"""Directed sentiment between two entities of a sentence: features and a linear model's inference.

The task (Park, Pan and Joo, "Who Blames or Endorses Whom? Entity-to-Entity Directed Sentiment
Extraction in News Text", Findings of ACL 2021): given a sentence and two entity spans, the first
before the second, say whether one holds a positive or negative opinion of the other, and which.

A bag of words memorises the sentences it was trained on and fails on new ones, so the features here
are relative to the two entities, which are masked: words before the first, between the two and after
the second; the words right beside each entity; sentiment per region from VADER's lexicon with
negation; stance cues ("condemned", "called for") and holder cues ("said", "according to") by where
they sit. The weights are trained by ``annotators.train_stance`` and shipped as gzipped JSON (feature
weights only, no text); inference is plain Python.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Iterable

from .. import lexicons
from ..marks import ASCII_QUOTES

if TYPE_CHECKING:  # NLTK loads with the first stem, not with the import
    from nltk.stem.porter import PorterStemmer

# Label i of the directed-sentiment corpus, with the first entity as p and the second as q.
LABELS: tuple[str, ...] = ("neutral", "first+second", "second+first", "first-second", "second-first")
MODEL_FILE = "stance.json.gz"

_TOKEN = re.compile(r"\w+(?=n't)|n't|\w+|[^\w\s]")
NEGATION_SCOPE = 3  # tokens after a negation whose sentiment it flips (the stage's rules use it too)
_FAR = 8  # words further than this before P or after Q are not features of their own
_NEAR = 3  # tokens either side of an entity that count as "beside" it


@cache
def _stemmer() -> PorterStemmer:
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@cache
def stem(word: str) -> str:
    return _stemmer().stem(word)


def tokens(text: str) -> list[str]:
    """Lower-case word and punctuation tokens; "n't" becomes "not"."""
    found = _TOKEN.findall(text.translate(ASCII_QUOTES).lower())
    return ["not" if t == "n't" else t for t in found]


@cache
def vader_lexicon() -> dict[str, float]:
    """VADER's word valences (-4..4) from the file the ``vaderSentiment`` package ships."""
    text = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    valences = {}
    for line in text.splitlines():
        columns = line.split("\t")
        if len(columns) >= 2:
            valences[columns[0]] = float(columns[1])
    return valences


@cache
def stance_cues() -> tuple[tuple[tuple[str, ...], int], ...]:
    """Stance cue phrases as stem sequences with polarity +1/-1, longest first."""
    cues = {
        tuple(stem(t) for t in tokens(phrase)): 1 if sign == "+" else -1
        for phrase, sign, *_ in lexicons.table("stance/cues")
    }
    return tuple(sorted(cues.items(), key=lambda item: -len(item[0])))


@cache
def _cues_by_first_stem() -> dict[str, tuple[tuple[tuple[str, ...], int], ...]]:
    table: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for phrase, sign in stance_cues():
        table.setdefault(phrase[0], []).append((phrase, sign))
    return {first: tuple(cues) for first, cues in table.items()}


@cache
def holder_cues() -> frozenset[str]:
    return frozenset(stem(t) for entry in lexicons.entries("stance/holder_cues") for t in tokens(entry))


@cache
def negations() -> frozenset[str]:
    return frozenset(lexicons.entries("stance/negations"))


@dataclass(frozen=True)
class Masked:
    """A sentence as tokens with the two entities replaced by the placeholders P (first) and Q."""

    words: tuple[str, ...]  # lower-case tokens, P and Q included
    p: int  # index of P in words
    q: int  # index of Q in words
    p_name: tuple[str, ...] = ()  # the tokens P stands for
    q_name: tuple[str, ...] = ()


def mask(text: str, first: tuple[int, int], second: tuple[int, int]) -> Masked:
    """Mask two non-overlapping character spans of ``text``, ``first`` before ``second``."""
    before = tokens(text[: first[0]])
    between = tokens(text[first[1] : second[0]])
    after = tokens(text[second[1] :])
    words = (*before, "P", *between, "Q", *after)
    p_name = tuple(tokens(text[first[0] : first[1]]))
    q_name = tuple(tokens(text[second[0] : second[1]]))
    return Masked(words, len(before), len(before) + 1 + len(between), p_name, q_name)


_BRACKETED = re.compile(r"\[([^\]]*)\](\w*)")


def parse_bracketed(sentence: str) -> tuple[str, tuple[int, int], tuple[int, int]] | None:
    """The corpus format: a sentence with both entities in [brackets] (sometimes off by a letter,
    "[Brussel]s": the rest of the word belongs to the entity). Returns plain text and the two spans."""
    pieces, spans, cursor, length = [], [], 0, 0
    for match in _BRACKETED.finditer(sentence):
        pieces.append(sentence[cursor : match.start()])
        length += match.start() - cursor
        entity = match.group(1) + match.group(2)
        spans.append((length, length + len(entity)))
        pieces.append(entity)
        length += len(entity)
        cursor = match.end()
    if len(spans) != 2:
        return None
    pieces.append(sentence[cursor:])
    return "".join(pieces), spans[0], spans[1]


def _valences(words: tuple[str, ...]) -> list[float]:
    """Per-token VADER valence, flipped (and damped, as VADER does) after a negation."""
    lexicon = vader_lexicon()
    values = []
    for index, word in enumerate(words):
        value = lexicon.get(word, 0.0)
        if value and any(w in negations() for w in words[max(0, index - NEGATION_SCOPE) : index]):
            value *= -0.74
        values.append(value)
    return values


def _cue_polarities(stems: list[str]) -> list[int]:
    """Per-token stance cue polarity: the first token of a matched cue phrase carries it."""
    marks = [0] * len(stems)
    by_first = _cues_by_first_stem()
    index = 0
    while index < len(stems):
        for phrase, sign in by_first.get(stems[index], ()):
            if tuple(stems[index : index + len(phrase)]) == phrase:
                negated = any(w in negations() for w in stems[max(0, index - NEGATION_SCOPE) : index])
                marks[index] = -sign if negated else sign
                index += len(phrase) - 1
                break
        index += 1
    return marks


def _region(index: int, p: int, q: int) -> str:
    if index < p:
        return "B"
    if index < q:
        return "M"
    return "A"


def _length_bucket(n: int) -> str:
    for limit, name in ((0, "0"), (2, "1-2"), (5, "3-5"), (10, "6-10"), (20, "11-20")):
        if n <= limit:
            return name
    return ">20"


def features(masked: Masked) -> dict[str, float]:
    """Sparse features of a masked sentence: name -> value."""
    words, p, q = masked.words, masked.p, masked.q
    stems = [w if w in ("P", "Q") else stem(w) for w in words]
    holder = _likely_holder(stems, p, q)
    found: dict[str, float] = {}

    def add(name: str, value: float = 1.0) -> None:
        found[name] = found.get(name, 0.0) + value

    add(f"len:{_length_bucket(q - p - 1)}")
    for name in masked.p_name:
        add(f"Pname:{name}")
    for name in masked.q_name:
        add(f"Qname:{name}")
    add(f"start:{_length_bucket(p)}")
    for index, s in enumerate(stems):
        if index in (p, q):
            continue
        region = _region(index, p, q)
        if region == "M" or min(abs(index - p), abs(index - q)) <= _FAR:
            add(f"{region}:{s}")
        if region == "M":
            add(f"{holder}>M:{s}")
        if region == "M" and index + 1 < q:
            add(f"M2:{s}_{stems[index + 1]}")
    for name, at in (("P", p), ("Q", q)):
        for offset in (-2, -1, 1, 2):
            if 0 <= at + offset < len(stems):
                add(f"{name}{offset:+d}:{stems[at + offset]}")
        left = stems[at - 1] if at > 0 else "<s>"
        right = stems[at + 1] if at + 1 < len(stems) else "</s>"
        add(f"{name}ctx:{left}_{right}")

    valences = _valences(words)
    cues = _cue_polarities(stems)
    holders = holder_cues()
    for index, (value, cue, s) in enumerate(zip(valences, cues, stems)):
        if index in (p, q):
            continue
        region = _region(index, p, q)
        near = [name for name, at in (("P", p), ("Q", q)) if abs(index - at) <= _NEAR]
        if value:
            polarity = "pos" if value > 0 else "neg"
            add(f"vader:{region}:{polarity}", abs(value) / 4)
            for name in near:
                add(f"vader:{name}~:{polarity}", abs(value) / 4)
        if cue:
            polarity = "+" if cue > 0 else "-"
            add(f"cue:{region}:{polarity}")
            for name in near:
                add(f"cue:{name}~:{polarity}")
        if s in holders:
            add(f"holder:{region}")
            for name in near:
                side = "after" if index > (p if name == "P" else q) else "before"
                add(f"holder:{side}:{name}")
    tone = sum(v for i, v in enumerate(valences) if i not in (p, q))
    if tone:
        add(f"dir:{holder}:vader{'+' if tone > 0 else '-'}", min(abs(tone), 8.0) / 4)
    stance = sum(cues)
    if stance:
        add(f"dir:{holder}:cue{'+' if stance > 0 else '-'}")
    return found


_AGENT_MARKERS = frozenset({"by", "from"})


def _likely_holder(stems: list[str], p: int, q: int) -> str:
    """Whose opinion the sentence most likely reports: Q when a holder cue sits beside it ("said Q",
    "Q told") or it is an agent ("by Q"), else P when a cue follows it closely, else nobody."""
    holders = holder_cues()
    beside_q = stems[max(0, q - 2) : q] + stems[q + 1 : q + 3]
    if any(s in holders for s in beside_q) or (q > 0 and stems[q - 1] in _AGENT_MARKERS):
        return "Q"
    after_p = stems[p + 1 : min(q, p + 1 + _NEAR)]
    if any(s in holders for s in after_p) or any(_cue_polarities(after_p)):
        return "P"
    return "none"


@dataclass(frozen=True)
class LinearModel:
    """Multinomial logistic regression: one weight per label and feature, plus a bias per label."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def probabilities(self, feats: dict[str, float]) -> dict[str, float]:
        scores = list(self.bias)
        for name, value in feats.items():
            row = self.weights.get(name)
            if row is not None:
                for k, weight in enumerate(row):
                    scores[k] += value * weight
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps)}

    def predict(self, feats: dict[str, float]) -> str:
        probabilities = self.probabilities(feats)
        return max(probabilities, key=probabilities.__getitem__)

    def to_json(self) -> dict:
        return {"labels": list(self.labels), "bias": list(self.bias), "weights": self.weights}

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        return cls(
            labels=tuple(data["labels"]),
            bias=tuple(data["bias"]),
            weights={name: tuple(row) for name, row in data["weights"].items()},
        )

    def save(self, path) -> None:
        with gzip.open(path, "wt", encoding="utf-8") as out:
            json.dump(self.to_json(), out, separators=(",", ":"))


@cache
def shipped_model() -> LinearModel:
    """The model shipped in ``annotators/models/`` (rebuilt by ``python -m annotators.train_stance``)."""
    data = files("annotators").joinpath("models", MODEL_FILE).read_bytes()
    return LinearModel.from_json(json.loads(gzip.decompress(data)))


def classify(text: str, first: tuple[int, int], second: tuple[int, int]) -> dict[str, float]:
    """Label probabilities for the directed sentiment between two spans of ``text``."""
    return shipped_model().probabilities(features(mask(text, first, second)))


def read_tsv(lines: Iterable[str]) -> Iterable[tuple[str, tuple[int, int], tuple[int, int], int]]:
    """Rows of the corpus format (``sentence<TAB>p<TAB>q<TAB>label``) as (text, first, second, label);
    rows without exactly two bracketed entities are skipped."""
    for line in lines:
        columns = line.rstrip("\n").split("\t")
        if len(columns) != 4:
            continue
        parsed = parse_bracketed(columns[0])
        if parsed is not None:
            yield (*parsed, int(columns[3]))

"""The fast model's span proposer: a linear-chain CRF (python-crfsuite) over paragraph tokens.

Rules find the clear cases; news attribution has a long tail ("the campaign's view is that ...",
"sources familiar with ..."), so a CRF trained on PolNeAR train tags every token of a passage with
``B-``/``I-`` ``SRC``/``CUE``/``CONTENT`` or ``O``. Its features are the word and its shape,
cue-lexicon membership, quotation-mark state and distances, sentence position, the neighbouring words,
and what the rule stages before it found. ``CrfTagger`` is a ``tagger.SpanTagger``: the tagger stage
decodes its labels and combines them with the rule statements. ``annotators/train.py`` rebuilds the
shipped model from a brat corpus.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from importlib.resources import as_file, files
from typing import Iterator, Sequence

from .. import lexicons
from ..doc import Doc
from ..marks import ASCII_QUOTES
from .cues import cue_forms
from .tagger import QUOTE_MARKS, Passage, learned_stage, passages

MODEL_FILE = "attribution.crfsuite"


@cache
def cue_words() -> frozenset[str]:
    """The rules' cue verb forms and our extra cue words."""
    return frozenset(cue_forms()) | frozenset(lexicons.entries("attribution/cue_words"))


def shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isalpha():
        if word.islower():
            return "x"
        if word.isupper():
            return "X" if len(word) > 1 else "Xs"
        return "Xx" if word[0].isupper() and word[1:].islower() else "mixed"
    if len(word) == 1:
        return "p" + word.translate(ASCII_QUOTES)
    return "other"


_word_features_cache: dict[str, tuple[str, ...]] = {}


def word_features(word: str) -> tuple[str, ...]:
    """The features of a word type (cached: a word's own features never depend on context)."""
    cached = _word_features_cache.get(word)
    if cached is None:
        lower = word.lower().translate(ASCII_QUOTES)
        cached = (f"w={lower}", f"sh={shape(word)}", f"s3={lower[-3:]}", f"p2={lower[:2]}")
        if lower in cue_words():
            cached += ("cue",)
        if len(_word_features_cache) < 200_000:
            _word_features_cache[word] = cached
    return cached


_BUCKETS = ("0", "1", "2", "3", *["4-7"] * 4, *["8-15"] * 8, "far")
_OFFSETS = (-2, -1, 1, 2)
_EDGES = tuple(f"{offset}edge" for offset in _OFFSETS)
_neighbour_features_cache: dict[str, tuple[tuple[str, ...], ...]] = {}


def neighbour_features(word: str) -> tuple[tuple[str, ...], ...]:
    """The features a word gives the token it sits 2 or 1 tokens before or after, one tuple per offset
    in ``_OFFSETS`` (cached like ``word_features``: built once per word type, not per token)."""
    cached = _neighbour_features_cache.get(word)
    if cached is None:
        own = word_features(word)
        seen = (own[0], own[1], "cue") if own[-1] == "cue" else (own[0], own[1])  # word, shape, cue flag
        cached = tuple(tuple(f"{offset}{feature}" for feature in seen) for offset in _OFFSETS)
        if len(_neighbour_features_cache) < 200_000:
            _neighbour_features_cache[word] = cached
    return cached


def _bucket(count: int | None) -> str:
    """Small counts as they are, larger ones in ranges (a lookup: this runs for every token)."""
    return "none" if count is None else _BUCKETS[min(count, 16)]


def _quote_states(words: Sequence[str]) -> list[str]:
    """Per token: "open"/"close" for a quotation mark, "in"/"out" otherwise.

    A curly mark says which way it goes; a straight one toggles. Each paragraph starts outside
    (a quote running over paragraphs reopens with a mark in each).
    """
    states, inside = [], False
    for word in words:
        if word in QUOTE_MARKS:
            inside = word == "“" or (word != "”" and not inside)
            states.append("open" if inside else "close")
        else:
            states.append("in" if inside else "out")
    return states


def _nearest_back(flags: Sequence[bool], barrier: Sequence[int]) -> list[int | None]:
    """Per token, the index of the last flagged token before it within the same barrier group."""
    out: list[int | None] = []
    last: int | None = None
    for i, flag in enumerate(flags):
        if i and barrier[i] != barrier[i - 1]:
            last = None
        out.append(last)
        if flag:
            last = i
    return out


def _nearest_forward(flags: Sequence[bool], barrier: Sequence[int]) -> list[int | None]:
    n = len(flags)
    backward = _nearest_back(flags[::-1], barrier[::-1])
    return [None if j is None else n - 1 - j for j in backward[::-1]]


def _quote_lengths(quotes: Sequence[str]) -> list[int]:
    """Per token inside a quotation (marks included), the number of tokens quoted; 0 outside."""
    lengths = [0] * len(quotes)
    start = None
    for i, state in enumerate(quotes):
        if state == "open":
            start = i
        elif state == "close" and start is not None:
            for j in range(start, i + 1):
                lengths[j] = i - start - 1
            start = None
    if start is not None:  # an unclosed quote runs to the end of the paragraph
        for j in range(start, len(quotes)):
            lengths[j] = len(quotes) - start - 1
    return lengths


def rule_roles(doc: Doc) -> dict[int, str]:
    """Token start -> the role the earlier (rule) stages gave it: content, cue or source.

    Built once per document (later statements win on shared tokens), so it stays linear in its length.
    """
    starts = sorted(token.start for sentence in doc.sentences for token in sentence.tokens)
    roles: dict[int, str] = {}
    for statement in doc.statements:
        marked = [(piece, "content") for piece in statement.content]
        marked += [(span, role) for span, role in ((statement.cue, "cue"), (statement.source, "source")) if span]
        for span, role in marked:
            for i in range(bisect_left(starts, span.start), bisect_left(starts, span.end)):
                roles[starts[i]] = role
    return roles


def passage_roles(passage: Passage, roles: dict[int, str]) -> list[str | None]:
    return [roles.get(token.start) for token in passage.tokens]


def features(text: str, passage: Passage, rules: Sequence[str | None] | None = None) -> list[list[str]]:
    words = [token.text(text) for token in passage.tokens]
    own = [word_features(word) for word in words]
    around = [neighbour_features(word) for word in words]
    lowers = [f[0] for f in own]
    is_cue = [f[-1] == "cue" for f in own]
    quotes = _quote_states(words)
    is_mark = [state in ("open", "close") for state in quotes]
    sentence_of = passage.sentence_of
    cue_before = _nearest_back(is_cue, sentence_of)
    cue_after = _nearest_forward(is_cue, sentence_of)
    no_barrier = [0] * len(words)
    closed_before = _nearest_back([s == "close" for s in quotes], no_barrier)
    opens_after = _nearest_forward([s == "open" for s in quotes], no_barrier)
    quote_lengths = _quote_lengths(quotes)
    sentences_with_cue = {sentence_of[i] for i, flag in enumerate(is_cue) if flag}
    sentences_with_mark = {sentence_of[i] for i, flag in enumerate(is_mark) if flag}
    paragraph_opens_quoted = quotes[0] == "open"
    n = len(words)
    sentence_start: dict[int, int] = {}
    sentence_end: dict[int, int] = {}
    for i, sentence in enumerate(sentence_of):
        sentence_start.setdefault(sentence, i)
        sentence_end[sentence] = i
    sequence = []
    for i in range(n):
        sentence = sentence_of[i]
        before, after = cue_before[i], cue_after[i]
        quote = f"q={quotes[i]}"
        cue_back = f"cb={_bucket(None if before is None else i - before)}"
        cue_ahead = f"ca={_bucket(None if after is None else after - i)}"
        f = [*own[i], quote, f"ql={_bucket(quote_lengths[i])}", cue_back, cue_ahead,
             f"cbw={lowers[before][2:] if before is not None else None}",
             f"caw={lowers[after][2:] if after is not None else None}",
             f"aq={_bucket(None if closed_before[i] is None else i - closed_before[i])}",
             f"bq={_bucket(None if opens_after[i] is None else opens_after[i] - i)}",
             f"sent={min(sentence, 3)}", f"sc={sentence in sentences_with_cue}",
             f"sq={sentence in sentences_with_mark}",
             f"from_bos={_bucket(i - sentence_start[sentence])}", f"to_eos={_bucket(sentence_end[sentence] - i)}",
             # conjunctions a linear model cannot build itself: quote state with the nearest cues
             f"{quote}|{cue_back}", f"{quote}|{cue_ahead}"]
        if i == 0 or sentence_of[i - 1] != sentence:
            f.append("bos")
        if i == n - 1 or sentence_of[i + 1] != sentence:
            f.append("eos")
        if paragraph_opens_quoted:
            f.append("pq")
        for k, offset in enumerate(_OFFSETS):
            j = i + offset
            if 0 <= j < n:
                f.extend(around[j][k])
            else:
                f.append(_EDGES[k])
        if rules is not None and rules[i]:
            f.append(f"r={rules[i]}")
            if i and rules[i - 1] != rules[i]:
                f.append(f"rb={rules[i]}")
        sequence.append(f)
    return sequence


@cache
def shipped_tagger() -> CrfTagger:
    """The CRF shipped in ``annotators/models``, loaded once, on first use."""
    import pycrfsuite

    model = pycrfsuite.Tagger()
    with as_file(files("annotators").joinpath("models", MODEL_FILE)) as path:
        model.open(str(path))
    return CrfTagger(model)


class CrfTagger:
    """A ``SpanTagger`` over a trained CRF (a ``pycrfsuite.Tagger`` with its model open)."""

    def __init__(self, model) -> None:
        self.model = model

    def tag(self, doc: Doc) -> Iterator[tuple[Passage, list[str]]]:
        roles = rule_roles(doc)
        for passage in passages(doc):
            yield passage, self.model.tag(features(doc.text, passage, passage_roles(passage, roles)))


stage = learned_stage(shipped_tagger)

"""The learned stage: a CRF over paragraph token sequences tags Source / Cue / Content (BIO).

Rules find the clear cases; news attribution has a long tail ("the campaign's view is that ...",
"sources familiar with ..."), so a linear-chain CRF (python-crfsuite) trained on PolNeAR train tags
every token of a paragraph with ``B-``/``I-`` ``SRC``/``CUE``/``CONTENT`` or ``O``. Its features are
the word and its shape, cue-lexicon membership, quotation-mark state and distances, sentence position,
the neighbouring words, and what the rule stages before it found. Tagged paragraphs are decoded into
``Statement``s (contents linked to their nearest cue, the cue to its nearest source) and combined with
the rule statements. ``annotators/train.py`` rebuilds the shipped model from a brat corpus.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate
from importlib.resources import as_file, files
from typing import Iterable, Sequence

from .. import lexicons
from .cues import cue_forms
from ..doc import Doc
from ..model import Span, Statement
from ..segment import ASCII_QUOTES

MODEL_FILE = "attribution.crfsuite"
ROLES = ("SRC", "CUE", "CONTENT")
OUTSIDE = "O"
QUOTE_MARKS = frozenset('"“”«»')


@dataclass(frozen=True)
class Passage:
    """One paragraph (or a piece of an over-long one) as the tagger sees it: its tokens and where its
    sentences start."""

    tokens: tuple[Span, ...]
    sentence_of: tuple[int, ...]  # per token, the index of its sentence within the paragraph


MAX_PASSAGE_TOKENS = 400  # longer paragraphs are tagged in pieces of whole sentences (memory stays flat)


def passages(doc: Doc) -> list[Passage]:
    """The paragraphs of ``doc`` as token sequences; an over-long one in pieces at sentence ends."""
    found: list[Passage] = []
    tokens: list[Span] = []
    sentence_of: list[int] = []
    paragraph = None

    def flush() -> None:
        if tokens:
            found.append(Passage(tuple(tokens), tuple(sentence_of)))
        tokens.clear()
        sentence_of.clear()

    for sentence in doc.sentences:
        if sentence.paragraph != paragraph or len(tokens) + len(sentence.tokens) > MAX_PASSAGE_TOKENS:
            flush()
            paragraph = sentence.paragraph
        for start in range(0, len(sentence.tokens), MAX_PASSAGE_TOKENS):
            if start:
                flush()
            piece = sentence.tokens[start : start + MAX_PASSAGE_TOKENS]
            number = sentence_of[-1] + 1 if sentence_of else 0
            tokens.extend(piece)
            sentence_of.extend([number] * len(piece))
    flush()
    return found


# --- features -------------------------------------------------------------------------------------


@cache
def cue_words() -> frozenset[str]:
    """The rules' cue verb forms and our extra cue words."""
    return frozenset(cue_forms()) | frozenset(lexicons.entries("cue_words"))


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


# --- labels and decoding --------------------------------------------------------------------------


def bio_labels(passage: Passage, roles: Iterable[tuple[str, int, Span]]) -> list[str]:
    """BIO labels from (role, attribution number, span) triples; later triples win on overlaps."""
    owner: list[tuple[str, int] | None] = [None] * len(passage.tokens)
    for role, number, span in roles:
        for i, token in enumerate(passage.tokens):
            if span.start <= token.start < span.end:
                owner[i] = (role, number)
    labels = []
    for i, current in enumerate(owner):
        if current is None:
            labels.append(OUTSIDE)
        else:
            labels.append(("I-" if i and owner[i - 1] == current else "B-") + current[0])
    return labels


@dataclass(frozen=True)
class Segment:
    role: str
    first: int  # token indices, inclusive
    last: int


def segments(labels: Sequence[str]) -> list[Segment]:
    """Maximal runs of one role; a ``B-`` starts a new run, an ``I-`` after another role starts one too."""
    runs: list[list] = []  # [role, first, last]
    for i, label in enumerate(labels):
        if label == OUTSIDE:
            continue
        role = label[2:]
        if label[0] == "I" and runs and runs[-1][0] == role and runs[-1][2] == i - 1:
            runs[-1][2] = i
        else:
            runs.append([role, i, i])
    return [Segment(role, first, last) for role, first, last in runs]


def _gap(a: Segment, b: Segment) -> int:
    return max(a.first - b.last, b.first - a.last)


def _nearest(target: Segment, candidates: Sequence[Segment]) -> Segment | None:
    return min(candidates, key=lambda c: (_gap(target, c), c.first), default=None)


def _kind(text: str, content: Sequence[Span]) -> str:
    joined = "".join(span.text(text) for span in content).strip()
    marks = sum(1 for ch in joined if ch in QUOTE_MARKS)
    if marks and joined[:1] in QUOTE_MARKS and joined[-1:] in QUOTE_MARKS | {".", ","}:
        return "direct"
    return "mixed" if marks else "indirect"


def _joinable(labels: Sequence[str], text: str, passage: Passage, before: Segment, after: Segment) -> bool:
    """Two content runs are one content in pieces when only its cue, source and punctuation
    come between them (``"A," she said, "B."``)."""
    between = range(before.last + 1, after.first)
    return any(labels[i].endswith("CUE") for i in between) and all(
        labels[i] != OUTSIDE or not passage.tokens[i].text(text)[:1].isalnum() for i in between
    )


def decode(text: str, passage: Passage, labels: Sequence[str]) -> list[Statement]:
    """Statements from one tagged paragraph.

    Each content goes to its nearest cue, and a cue to its nearest source; consecutive contents of
    one cue with only that cue and its source between them are one statement in pieces.
    """
    found = segments(labels)
    cues = [s for s in found if s.role == "CUE"]
    sources = [s for s in found if s.role == "SRC"]
    groups: list[tuple[Segment | None, list[Segment]]] = []
    for content in (s for s in found if s.role == "CONTENT"):
        cue = _nearest(content, cues)
        if groups and cue is not None and groups[-1][0] == cue and _joinable(labels, text, passage, groups[-1][1][-1], content):
            groups[-1][1].append(content)
        else:
            groups.append((cue, [content]))

    def span(segment: Segment) -> Span:
        return Span(passage.tokens[segment.first].start, passage.tokens[segment.last].end)

    statements = []
    for cue, group in groups:
        source = _nearest(cue or group[0], sources)
        pieces = tuple(span(c) for c in group)
        statements.append(
            Statement(
                id="",
                kind=_kind(text, pieces),
                content=pieces,
                cue=span(cue) if cue else None,
                source=span(source) if source else None,
            )
        )
    return statements


# --- tagging and combining ------------------------------------------------------------------------


@cache
def tagger():
    import pycrfsuite

    model = pycrfsuite.Tagger()
    with as_file(files("annotators").joinpath("models", MODEL_FILE)) as path:
        model.open(str(path))
    return model


def tag(doc: Doc, model=None) -> list[Statement]:
    """The tagger's statements for every paragraph of ``doc`` (with the shipped model by default)."""
    model = model or tagger()
    roles = rule_roles(doc)
    statements = []
    for passage in passages(doc):
        labels = model.tag(features(doc.text, passage, passage_roles(passage, roles)))
        statements.extend(decode(doc.text, passage, labels))
    return statements


def combine(rule_statements: Sequence[Statement], tagged: Sequence[Statement]) -> tuple[Statement, ...]:
    """Rule statements stay; a tagged statement is added where no rule statement's content overlaps it."""
    pieces = sorted(piece for statement in rule_statements for piece in statement.content)
    starts = [piece.start for piece in pieces]
    furthest_end = list(accumulate((piece.end for piece in pieces), max))

    def overlaps_a_rule(span: Span) -> bool:
        # the rule pieces starting before span ends overlap it if the furthest of their ends passes its start
        before = bisect_left(starts, span.end)
        return before > 0 and furthest_end[before - 1] > span.start

    new = [s for s in tagged if not any(overlaps_a_rule(piece) for piece in s.content)]
    return (*rule_statements, *new)


def stage(doc: Doc) -> Doc:
    return replace(doc, statements=combine(doc.statements, tag(doc)))

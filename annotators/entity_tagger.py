"""The entity finder: which names are people, organisations and places, by a CRF over each sentence.

The mention finder (``mentions``) proposes names from capitals and the lexicons; on its own it takes
"Hidden Nook" for a person and misses "tampa bay". A linear-chain CRF (python-crfsuite) tags each
sentence's tokens ``B-``/``I-`` ``PER``/``ORG``/``LOC`` or ``O`` from the word, its shape and affixes,
the lexicons (places, organisations, demonyms, given names, titles), how the article writes the word
elsewhere, the neighbouring words, and what the mention finder proposed there. Its weights ship in
``models/entities.crfsuite``, trained on UNER English EWT dev (web text, CC BY-SA 4.0; test is the
measure); ``python -m annotators.train_entities`` rebuilds them.

``entities`` gives the names found: the tagger's spans, and the lexicon names it left untagged.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cache
from importlib.resources import as_file, files

from .doc import Doc
from .mentions import Gazetteer, Mention, gazetteer
from .model import Span

MODEL_FILE = "entities.crfsuite"
KINDS = {"PER": "person", "ORG": "organisation", "LOC": "place"}
LABELS = {kind: label for label, kind in KINDS.items()}
_RULE_LABELS = {**LABELS, "group": "GRP", "other": "OTH", "unknown": "UNK"}
_OFFSETS = (-2, -1, 1, 2)
_CACHE_LIMIT = 200_000


def shape(word: str) -> str:
    """"Xx", "X", "x", "d", "Xd" ...: the word's letters and digits, runs collapsed."""
    out = []
    for char in word[:12]:
        code = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if not out or out[-1] != code:
            out.append(code)
    return "".join(out)


_word_cache: dict[str, tuple[str, ...]] = {}


def word_features(word: str, gaz: Gazetteer) -> tuple[str, ...]:
    """What the word says by itself (cached per word: most tokens are frequent words)."""
    cached = _word_cache.get(word)
    if cached is None:
        lower = word.lower()
        found = [f"w={lower}", f"sh={shape(word)}", f"s3={lower[-3:]}", f"p3={lower[:3]}"]
        if word[:1].isupper():
            found.append("cap")
        if lower in gaz.common_words:
            found.append("common")
        if word in gaz.given_names or word.title() in gaz.given_names:
            found.append("given")
        entry = gaz.names.get((word,)) or gaz.names.get((word.title(),))
        if entry is not None:
            found.append(f"gz={entry.kind}{entry.detail}")
        if (lower,) in gaz.titles:
            found.append("title")
        if word in gaz.honorifics:
            found.append("honorific")
        if keyword := gaz.kind_keywords.get(word.title()):
            found.append(f"kw={keyword}")
        cached = tuple(found)
        if len(_word_cache) < _CACHE_LIMIT:
            _word_cache[word] = cached
    return cached


_neighbour_cache: dict[str, tuple[tuple[str, ...], ...]] = {}


def neighbour_features(word: str) -> tuple[tuple[str, ...], ...]:
    """The word and shape a token gives its neighbours, one tuple per offset in ``_OFFSETS``."""
    cached = _neighbour_cache.get(word)
    if cached is None:
        lower, form = word.lower(), shape(word)
        cached = tuple((f"{offset}w={lower}", f"{offset}sh={form}") for offset in _OFFSETS)
        if len(_neighbour_cache) < _CACHE_LIMIT:
            _neighbour_cache[word] = cached
    return cached


def _lexicon_labels(words: Sequence[str], gaz: Gazetteer) -> list[str | None]:
    """B-/I- and the lexicon kind of the longest lexicon name at each token, capitals or not."""
    titled = [w.title() if w.islower() or w.isupper() else w for w in words]
    labels: list[str | None] = [None] * len(words)
    index = 0
    while index < len(words):
        for length in range(min(6, len(words) - index), 0, -1):
            entry = gaz.names.get(tuple(words[index : index + length])) or gaz.names.get(
                tuple(titled[index : index + length])
            )
            if entry is not None:
                for k in range(length):
                    labels[index + k] = ("B-" if k == 0 else "I-") + entry.kind + entry.detail
                index += length
                break
        else:
            index += 1
    return labels


def _sentence_case(words: Sequence[str]) -> str:
    letters = [w for w in words if w[:1].isalpha()]
    if letters and all(w.islower() for w in letters):
        return "case=lower"
    if len(letters) > 2 and all(w.isupper() for w in letters):
        return "case=upper"
    return "case=mixed"


def features(
    words: Sequence[str],
    rules: Sequence[str | None],
    capitalised_inside: frozenset[str] = frozenset(),
    lower_case: frozenset[str] = frozenset(),
) -> list[list[str]]:
    """One feature list per token of a sentence; ``rules`` is the mention finder's B-/I- label per
    token, ``capitalised_inside`` and ``lower_case`` how the article writes words elsewhere."""
    gaz = gazetteer()
    lexicon = _lexicon_labels(words, gaz)
    case = _sentence_case(words)
    around = [neighbour_features(word) for word in words]
    count = len(words)
    rows = []
    for i, word in enumerate(words):
        row = [*word_features(word, gaz), case]
        if i == 0:
            row.append("bos")
        elif word[:1].isupper() and words[i - 1][:1].isalnum():
            row.append("capmid")
        if rules[i]:
            row.append(f"r={rules[i]}")
        if lexicon[i]:
            row.append(f"gzt={lexicon[i]}")
        if word in capitalised_inside:
            row.append("doccap")
        if word.lower() in lower_case:
            row.append("doclow")
        for k, offset in enumerate(_OFFSETS):
            j = i + offset
            if 0 <= j < count:
                row.extend(around[j][k])
                if rules[j]:
                    row.append(f"{offset}r={rules[j]}")
            else:
                row.append(f"{offset}edge")
        rows.append(row)
    return rows


def rule_labels(doc: Doc, mentions: Iterable[Mention]) -> dict[int, str]:
    """Token start -> "B-PER", "I-ORG", "B-OTH" ...: the names and demonyms the mention finder
    proposed, with their entity's kind once clustered."""
    starts = sorted(token.start for sentence in doc.sentences for token in sentence.tokens)
    labels: dict[int, str] = {}
    for mention in mentions:
        if mention.form not in ("name", "demonym"):
            continue
        kind = mention.entity.kind if mention.entity is not None else mention.kind
        label = _RULE_LABELS.get(kind, "UNK") + ("d" if mention.form == "demonym" else "")
        first = bisect_right(starts, mention.span.start - 1)
        for index in range(first, len(starts)):
            if starts[index] >= mention.span.end:
                break
            labels[starts[index]] = ("B-" if index == first else "I-") + label
    return labels


def document_case(doc: Doc) -> tuple[frozenset[str], frozenset[str]]:
    """Words the article capitalises after another word, and words it writes in lower case."""
    inside: set[str] = set()
    lower: set[str] = set()
    for sentence in doc.sentences:
        words = [token.text(doc.text) for token in sentence.tokens]
        for i, word in enumerate(words):
            if word.islower():
                lower.add(word)
            elif i and word[:1].isupper() and words[i - 1][:1].isalnum():
                inside.add(word)
    return frozenset(inside), frozenset(lower)


def spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, end, label) token ranges of a B-/I- label sequence."""
    found = []
    start, current = None, None
    for index, label in enumerate([*labels, "O"]):
        if start is not None and not (label.startswith("I-") and label[2:] == current):
            found.append((start, index, current))
            start = None
        if label.startswith("B-") or (label.startswith("I-") and start is None):
            start, current = index, label[2:]
    return found


@cache
def tagger():
    import pycrfsuite

    model = pycrfsuite.Tagger()
    with as_file(files(__package__).joinpath("models", MODEL_FILE)) as path:
        model.open(str(path))
    return model


def sentence_rows(
    doc: Doc, mentions: Iterable[Mention], only: set[int] | None = None
) -> Iterable[tuple[tuple[Span, ...], list[list[str]]]]:
    """Each sentence's tokens and their features (of the sentences numbered in ``only`` if given)."""
    rules = rule_labels(doc, mentions)
    inside, lower = document_case(doc)
    for number, sentence in enumerate(doc.sentences):
        if only is not None and number not in only:
            continue
        words = [token.text(doc.text) for token in sentence.tokens]
        labels = [rules.get(token.start) for token in sentence.tokens]
        yield sentence.tokens, features(words, labels, inside, lower)


def entities(doc: Doc, mentions: list[Mention], only: set[int] | None = None, model=None) -> dict[Span, str]:
    """Span -> person | organisation | place: the tagger's names, and the lexicon names it left alone
    (in the sentences numbered in ``only`` if given: the actor stage asks about a few)."""
    model = model or tagger()
    found: dict[Span, str] = {}
    for tokens, rows in sentence_rows(doc, mentions, only):
        for first, end, label in spans(model.tag(rows)):
            found[Span(tokens[first].start, tokens[end - 1].end)] = KINDS[label]
    tagged = sorted(found)
    starts = [span.start for span in tagged]
    for mention in mentions:
        if only is not None and mention.sentence not in only:
            continue
        if mention.form == "name" and mention.key and mention.kind in LABELS:
            before = bisect_right(starts, mention.span.end - 1)
            if not any(span.overlaps(mention.span) for span in tagged[max(0, before - 2) : before]):
                found[mention.span] = mention.kind
    return found

"""Rule-based statements: quotes and cue words turned into who-said-what, sentence by sentence.

Each sentence (sentences a quote runs through are read as one) becomes a list of ``Atom``s: its
words and punctuation outside quotes, and each quote as one item. A cue word (``cue_verbs.tsv``,
"according to") then looks for its speaker and its content around it:

- ``X said (that) Y`` / ``X told Y (that) Z`` / ``X said: "..."`` / ``X has called for Y``: the speaker
  is the noun phrase ending just before the cue (skipping "also", "has", "on Friday" and a
  parenthesis such as ", speaking at the headquarters,"), the content what follows;
- ``"...," X said.`` / ``"...," said X.`` / ``..., X said.`` / ``..., said X.``: the content is
  what comes before, and the speaker follows an inverted cue;
- ``according to X, Y`` / ``Y, according to X``;
- ``X did this and said Y`` / ``X did this, saying Y``: the speaker is the one of the clause before.

Conventions follow PolNeAR, the gold corpus: the source is the local noun phrase ("he", "the EU's
top diplomat, Josep Borrell"; a relative clause after it is left out), the content of ``X said that
Y.`` is ``that Y`` without the final period, a direct quote's content keeps its quotation marks, and
a quote interrupted by its attribution (``"A," she said. "B."``) is one statement with two content
pieces. ``actor`` is left to the actors stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import lexicons
from ..doc import Doc
from ..model import Span, StatementKind
from .atoms import (
    CONTENT_OPENERS,
    DASHES,
    FINAL_PUNCT,
    Atom,
    MAX_DESCRIPTION_ITEMS,
    PARTICIPLE_OPENERS,
    PREPOSITIONS,
    QUOTE_CHARS,
    RELATIVES,
    VERB_FRAMES,
    quote_spans,
)
from .chunks import (
    manner_adverb,
    parenthesis_start,
    sentence_subject,
    skip_time_left,
    source_left,
    source_right,
)
from .content import (
    adjunct_like,
    content_ahead,
    content_end,
    content_spans,
    quoted_name,
    skip_adjuncts,
    skip_listener,
    skip_time_phrase,
)
from .cues import Cue, cue_at, is_participle, possessor, skip_left, word_class

_MAX_PARENTHESIS_COMMAS = 3  # a parenthesis may hold commas itself: ", a salesman from Sumter, South Carolina,"
_MIN_REPORTED_WORDS = 4  # unquoted words before ", X said" are what X said from a clause of four words on
# "Kelly responded pointedly, with a smile: "..."": how long the clause leading to a colon and a quote may be
_MAX_COLON_LEAD_ITEMS = 14


@dataclass(frozen=True)
class Draft:
    """A statement in the making, with the item range it covers inside its sentence group."""

    kind: StatementKind
    content: tuple[Span, ...]
    cue: Span
    source: Span | None
    first: int
    last: int
    content_left: bool  # the content came before the cue (``"...," she said.``)


def cue_statement(items: list[Atom], cue: Cue, lo: int, hi: int, previous: Draft | None, doc: Doc) -> Draft | None:
    """The statement a cue makes inside items ``lo..hi`` (exclusive ``hi``), or None."""
    if cue.frame == "according":
        return _according_to(items, cue, lo, hi, doc)
    if cue.frame == "colon":
        return _colon(items, cue, lo, doc)
    if cue.frame == "noun":
        return _noun(items, cue, hi, doc)
    text = doc.text
    cue_span = Span(items[cue.first].start, items[cue.last].end)
    left = skip_time_left(items, cue.first - 1)
    while left > lo and manner_adverb(items, left):
        left -= 1  # "X grudgingly agreed", "..., wrongly suggesting"
    if left >= 2 and items[left].word == "," and items[left - 1].word in lexicons.words("attribution/content_adverbs") \
            and items[left - 2].word == ",":
        left = skip_time_left(items, left - 3)  # "X, however, accused ..."
    # "X did this and said Y", "X did this, saying Y": the speaker of the clause before
    participle = is_participle(items[cue.first].word) and items[left].word in PARTICIPLE_OPENERS | {","}
    if left >= lo and (items[left].word in ("and", "but") or participle):
        source = previous.source if previous is not None else sentence_subject(items, lo, left, text)
        return _right_statement(items, cue, cue_span, source, cue.first, hi, doc)
    if left < lo:
        return _fronted(items, cue, cue_span, hi, doc)
    if items[left].word in DASHES:
        # "Sanders -- who has won three states -- said ...": the speaker is before the opening dash
        opening = next((i for i in range(left - 1, max(lo, left - MAX_DESCRIPTION_ITEMS) - 1, -1)
                        if items[i].word == items[left].word or items[i].quote is not None), None)
        if opening is None or items[opening].quote is not None:
            return None
        found = source_left(items, skip_time_left(items, opening - 1), text, lo)
        return None if found is None else _after_source(items, cue, cue_span, found, lo, hi, doc)
    if items[left].word == "," or items[left].quote is not None:
        inverted = _inverted(items, cue, cue_span, left, lo, hi, doc)
        paren = parenthesis_start(items, left, lo) if inverted is None and items[left].word == "," else None
        # a parenthesis may hold commas itself: ", a salesman from Sumter, South Carolina,"
        for _ in range(_MAX_PARENTHESIS_COMMAS):
            if paren is None:
                break
            found = source_left(items, skip_time_left(items, paren - 1), text, lo)
            if found is not None:
                return _after_source(items, cue, cue_span, found, lo, hi, doc)
            paren = parenthesis_start(items, paren, lo)
        return inverted
    found = source_left(items, left, text, lo)
    if found is None and items[left].word == "who":
        found = (left, left)  # "a star anchor who questioned his respect": PolNeAR's source is "who"
    if found is None:
        return None
    return _after_source(items, cue, cue_span, found, lo, hi, doc)


def _fronted(items: list[Atom], cue: Cue, cue_span: Span, hi: int, doc: Doc) -> Draft | None:
    """``Said Comey, "..."``: the cue opens the sentence, the speaker follows it, then the quote."""
    found = source_right(items, cue.last + 1, doc.text) if cue.frame == "say" else None
    if found is None:
        return None
    mark = found[1] + 1
    if not (mark + 1 < hi and items[mark].word in (",", ":") and items[mark + 1].quote is not None):
        return None
    content = quote_spans(doc.text, items[mark + 1].quote, doc.paragraphs)  # type: ignore[arg-type]
    source = Span(items[found[0]].start, items[found[1]].end)
    return Draft("direct", content, cue_span, source, cue.first, mark + 1, False)


def _after_source(items: list[Atom], cue: Cue, cue_span: Span, found: tuple[int, int], lo: int, hi: int,
                  doc: Doc) -> Draft | None:
    """``X said ...``: content after the cue, or before the speaker when nothing follows the cue."""
    source = Span(items[found[0]].start, items[found[1]].end)
    before = found[0] - 1
    quote_before = before >= lo and (items[before].quote_open_ended or (
        items[before].word == "," and before - 1 >= lo and items[before - 1].quote is not None))
    start = _after_cue(items, cue, hi, doc.text)
    says_more = start < hi and (items[start].word in CONTENT_OPENERS | {":"} or items[start].quote is not None)
    if quote_before and not says_more:
        # "“...,” he tells hundreds of supporters at a party": the quote is what he tells them
        left = _left_statement(items, cue, cue_span, source, lo, before if items[before].quote else before - 1,
                               found[0], hi, doc)
        if left is not None:
            return left
    right = _right_statement(items, cue, cue_span, source, found[0], hi, doc)
    if right is not None:
        return right
    split = _around(items, cue, cue_span, source, lo, before, hi, doc)
    if split is not None:
        return split
    # "“...,” Blinken told reporters after the meeting." / "..., he said."
    if before < lo or not (items[before].word == "," or items[before].quote is not None):
        return None
    end = before if items[before].quote is not None else before - 1
    return _left_statement(items, cue, cue_span, source, lo, end, found[0], hi, doc)


def _around(items: list[Atom], cue: Cue, cue_span: Span, source: Span, lo: int, comma: int, hi: int,
            doc: Doc) -> Draft | None:
    """``A, X said, B.``: an attribution set off by commas inside what was said gives two pieces."""
    after = skip_adjuncts(items, _after_cue(items, cue, hi, doc.text), hi)
    if not (lo < comma < hi and items[comma].word == "," and after + 1 < hi and items[after].word == ","):
        return None
    following = items[after + 1]
    if following.quote is not None or following.word in RELATIVES or is_participle(following.word) \
            or word_class().get(following.word) == "opener" or not following.is_word or following.word in PREPOSITIONS:
        return None
    after_part = content_spans(items, after + 1, content_end(items, after + 1, hi), doc)
    if after_part is None:
        return None
    if sum(1 for i in items[lo:comma] if i.is_word) < 2:  # "Still, he said, nothing changed."
        return Draft(after_part[0], after_part[1], cue_span, source, lo, hi - 1, True)
    before_part = content_spans(items, lo, comma - 1, doc)
    if before_part is None:
        return None
    kinds = {before_part[0], after_part[0]}
    kind: StatementKind = "indirect" if kinds == {"indirect"} else "direct" if kinds == {"direct"} else "mixed"
    return Draft(kind, before_part[1] + after_part[1], cue_span, source, lo, hi - 1, True)


def _after_cue(items: list[Atom], cue: Cue, hi: int, text: str) -> int:
    index = cue.last + 1
    if cue.frame in ("tell", "ask"):
        index = skip_listener(items, index, hi, text)
    return index


def _right_statement(items: list[Atom], cue: Cue, cue_span: Span, source: Span | None, first: int, hi: int,
                     doc: Doc) -> Draft | None:
    """Content after the cue: ``said (on Friday) that ...``, ``said: "..."``, ``called for ...``."""
    if cue.frame == "quoted":
        return None
    start = _after_cue(items, cue, hi, doc.text)
    ahead = content_ahead(items, start, hi, cue.frame)
    if ahead is not None:
        start = ahead
    elif start < hi and items[start].word in (":", ",") and start + 1 < hi and items[start + 1].quote is not None:
        start += 1
    elif adjunct_like(items, skip_time_phrase(items, start, hi), hi):
        return None
    elif cue.frame in ("that", "ask") and items[start].quote is None:
        return None
    else:
        start = skip_adjuncts(items, start, hi)
    if cue.frame == "call" and not any(item.quote is not None for item in items[start:hi]):
        return None  # "called the police" is no statement; "called it a “fundamental mistake”" is
    end = content_end(items, start, hi)
    if items[start].quote_open_ended and start + 1 <= end and items[start + 1].upper:
        end = start  # 'said, “No comment,” The Miami Herald reported': the rest is another attribution
    if cue.frame == "object":  # "condemned the attacks, though ...": the object is a noun phrase
        end = next((i - 1 for i in range(start + 1, end + 1) if items[i].word in (",", ";", "--")), end)
    content = content_spans(items, start, end, doc)
    if content is None or source is None:
        return None
    return Draft(content[0], content[1], cue_span, source, first, end, False)


def _left_statement(items: list[Atom], cue: Cue, cue_span: Span, source: Span | None, lo: int, end: int,
                    first: int, hi: int, doc: Doc) -> Draft | None:
    if any(cue_at(items, index) is not None and items[index].word == "according" for index in range(lo, end + 1)):
        return None  # "According to X, they agreed on it.": what X reported is not what they said
    content = content_spans(items, lo, end, doc)
    if content is None or source is None:
        return None
    kind, spans = content
    last = _statement_end(items, first, hi)
    if kind == "indirect" and not _reported_before(items, lo, end, last, hi):
        return None
    # "“A,” she said, “B.”": the quote resumes after the attribution
    following = items[last + 1] if last + 1 < hi else None
    resumes = following is not None and following.quote is not None and not quoted_name(following, doc.text)
    if kind == "direct" and resumes:
        last += 1
        spans = spans + quote_spans(doc.text, items[last].quote, doc.paragraphs)  # type: ignore[arg-type]
    return Draft(kind, spans, cue_span, source, lo, last, True)


def _reported_before(items: list[Atom], lo: int, end: int, last: int, hi: int) -> bool:
    """Whether unquoted words before ``, X said`` are what X said: a clause of a few words, with the
    attribution ending the sentence ("Still, he said, ..." and "In Germany, a person can ..." are not)."""
    if sum(1 for item in items[lo : end + 1] if item.is_word) < _MIN_REPORTED_WORDS:
        return False
    opening = items[lo].word
    if opening in PREPOSITIONS or (word_class().get(opening) == "opener" and opening != "that"):
        return False  # "In a press release earlier this month, the committee said ..."
    after = last + 1
    if after >= hi or items[after].word in FINAL_PUNCT - {","}:
        return True
    if items[after].word != "," or after + 1 >= hi:
        return items[after].word == ","
    following = items[after + 1].word
    return following in RELATIVES or is_participle(following) or cue_at(items, after + 1) is not None


def _statement_end(items: list[Atom], index: int, hi: int) -> int:
    """The last item of an attribution clause ("she said", "Blinken told reporters after the meeting")."""
    index = max(index, 0)
    while index + 1 < hi and items[index + 1].quote is None and items[index + 1].word not in (".", "!", "?"):
        if items[index + 1].word == ",":
            resumed = _comma_before_resumed_quote(items, index + 1, hi)
            return index if resumed is None else resumed
        index += 1
    return index


def _comma_before_resumed_quote(items: list[Atom], comma: int, hi: int) -> int | None:
    """The comma after which the quote resumes, when nothing but the speaker's description (no cue,
    no end of sentence) comes first: '"The risk," said X, an economist who heads Y, "is that ..."'."""
    for index in range(comma, min(hi - 1, comma + MAX_DESCRIPTION_ITEMS)):
        following = items[index + 1]
        if items[index].word == "," and following.quote is not None:
            return index
        if following.quote is not None or following.word in (".", "!", "?"):
            return None
        if cue_at(items, index + 1) is not None:
            return None
    return None


def _inverted(items: list[Atom], cue: Cue, cue_span: Span, left: int, lo: int, hi: int, doc: Doc) -> Draft | None:
    """``"...," said X`` / ``..., said X``: content before the cue, speaker right after it."""
    if cue.frame == "tell":
        return None  # '"...," X, a Democrat, told Mr. Obama': who is told never inverts
    found = source_right(items, cue.last + 1, doc.text)
    if found is None or not adjunct_like(items, found[1] + 1, hi):
        return None  # "Blinken, speaking at HQ, said the alliance was ...": not inverted
    source = Span(items[found[0]].start, items[found[1]].end)
    end = left if items[left].quote is not None else left - 1
    return _left_statement(items, cue, cue_span, source, lo, end, found[1], hi, doc)


def _colon(items: list[Atom], cue: Cue, lo: int, doc: Doc) -> Draft | None:
    """``Donald Trump: "..."`` and ``Kasich resisted: "..."``: a named speaker, maybe a verb, a colon
    and a quote."""
    quote = items[cue.last + 1]
    for end, cue_first in ((cue.first - 1, cue.first), (cue.first - 2, cue.first - 1)):
        found = source_left(items, end, doc.text, lo)
        if found is None:
            continue
        head = items[found[1]] if items[found[1]].word != ")" else items[found[0]]
        if head.upper or word_class().get(head.word) == "pronoun":
            cue_span = Span(items[cue_first].start, items[cue.last].end)
            source = Span(items[found[0]].start, items[found[1]].end)
            content = quote_spans(doc.text, quote.quote, doc.paragraphs)  # type: ignore[arg-type]
            return Draft("direct", content, cue_span, source, found[0], cue.last + 1, False)
    # "Kelly responded pointedly, with a smile: "..."", "Trump released the following statement: "...""
    subject = sentence_subject(items, lo, cue.first, doc.text)
    if subject is None or cue.first - lo > _MAX_COLON_LEAD_ITEMS:
        return None
    after = next((i for i in range(lo, cue.first) if items[i].start >= subject.end), cue.first)
    head = next(item for item in reversed(items[:after]) if item.is_word)  # the subject's last word
    if after >= cue.first or not (head.upper or word_class().get(head.word) == "pronoun"):
        return None
    if any(cue_at(items, i) is not None for i in range(after, cue.first)):
        return None  # a cue of its own has had its chance
    content = quote_spans(doc.text, quote.quote, doc.paragraphs)  # type: ignore[arg-type]
    return Draft("direct", content, Span(items[after].start, items[cue.last].end), subject, lo, cue.last + 1, False)


def _noun(items: list[Atom], cue: Cue, hi: int, doc: Doc) -> Draft | None:
    """``Trump's claim that Mexico will pay`` / ``his warning: "..."``: the owner is the source."""
    owner = possessor(items, cue.first - 1)
    if owner is None:
        return None
    start = cue.last + 1
    if items[start].word == ":":
        start += 1
    # where the noun phrase's sentence goes on is unknowable without a parser: stop at a comma
    end = next((i - 1 for i in range(start + 1, hi) if items[i].word in (",", ";", "--")), content_end(items, start, hi))
    content = content_spans(items, start, end, doc)
    if content is None:
        return None
    source = Span(items[owner[0]].start, items[owner[1]].end)
    cue_span = Span(items[cue.first].start, items[cue.last].end)
    return Draft(content[0], content[1], cue_span, source, owner[0], end, False)


def _according_to(items: list[Atom], cue: Cue, lo: int, hi: int, doc: Doc) -> Draft | None:
    found = source_right(items, cue.last + 1, doc.text)
    if found is None:
        return None
    source = Span(items[found[0]].start, items[found[1]].end)
    cue_span = Span(items[cue.first].start, items[cue.last].end)
    before = skip_left(items, cue.first - 1, {","})
    if before < lo:  # "According to X, Y."
        start = found[1] + 1
        end = content_end(items, start, hi)
        content = content_spans(items, start, end, doc)
        last = end
    else:  # "Y, according to X."
        content = content_spans(items, lo, before, doc)
        last = found[1]
    if content is None:
        return None
    return Draft(content[0], content[1], cue_span, source, lo, last, before >= lo)


def introduced_statement(items: list[Atom], following: Span, doc: Doc) -> Draft | None:
    """``Cruz continued:`` ending a paragraph: the next paragraph is what he said."""
    if len(items) < 2 or items[-1].word != ":":
        return None
    colon = len(items) - 1
    lo = next((i + 1 for i in range(colon - 1, -1, -1) if items[i].word in (".", "!", "?", ";")), 0)
    cues = (cue_at(items, i) for i in range(lo, colon))
    cue = next((c for c in cues if c is not None and c.frame in VERB_FRAMES), None)
    if cue is None:
        return None  # "Here is the list:" introduces no one's words
    found = source_left(items, cue.first - 1, doc.text, lo)
    if found is not None:
        source: Span | None = Span(items[found[0]].start, items[found[1]].end)
    else:
        source = sentence_subject(items, lo, cue.first, doc.text)
    if source is None:
        return None
    text = following.text(doc.text)
    kind: StatementKind = "direct" if text[:1] in QUOTE_CHARS and text[-1:] in QUOTE_CHARS else "indirect"
    cue_span = Span(items[cue.first].start, items[cue.last].end)
    return Draft(kind, (following,), cue_span, source, lo, colon, False)

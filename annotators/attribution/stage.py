"""The rules stage: each paragraph's sentence groups read item by item, cue by cue, into statements;
a quote resuming an attribution and a paragraph introduced by ``X continued:`` joined to theirs."""

from __future__ import annotations

from dataclasses import replace

from ..doc import Doc, Quote, Sentence
from ..marks import DOUBLE_QUOTES, SINGLE_QUOTES
from ..model import Statement
from ..stages import declare
from .atoms import FINAL_PUNCT, Atom, QuoteIndex, items_of, quote_spans, sentence_groups
from .cues import Cue, find_cues
from .rules import Draft, cue_statement, introduced_statement


def _group_statements(items: list[Atom], doc: Doc) -> list[Draft]:
    found: list[Draft] = []
    for cue in find_cues(items):
        if any(f.first <= cue.first <= f.last and not _nested_ok(f, cue) for f in found):
            continue
        previous = found[-1] if found else None
        lo = next((f.last + 1 for f in reversed(found) if f.last < cue.first and f.content_left), 0)
        statement = cue_statement(items, cue, lo, len(items), previous, doc)
        if statement is not None:
            found.append(statement)
    return found


def _nested_ok(outer: Draft, cue: Cue) -> bool:
    """A cue inside the content of another statement may make its own ("X said Y warned that Z");
    the colon of ``X said: "..."`` is part of that statement."""
    return not outer.content_left and cue.frame != "colon"


def _join_resumed_quotes(unit_found: list[tuple[list[Atom], list[Draft]]], doc: Doc) -> list[Draft]:
    """``"A," she said. "B."``: a sentence that is only a quote, right after an attribution that
    ended its sentence, is the second piece of that statement."""
    result: list[Draft] = []
    for index, (items, found) in enumerate(unit_found):
        leading = _leading_quote(items, found, doc.text) if index and result else None
        previous_found = unit_found[index - 1][1]
        last = previous_found[-1] if leading is not None and previous_found else None
        if last is not None and last is result[-1] and last.content_left:
            spans = last.content + quote_spans(doc.text, leading, doc.paragraphs)  # type: ignore[arg-type]
            result[-1] = replace(last, content=tuple(sorted(set(spans))))
        result.extend(found)
    return result


def _leading_quote(items: list[Atom], found: list[Draft], text: str) -> Quote | None:
    """The quote a group opens with when it makes a sentence of its own that no statement of the group
    takes ('"Everybody sues, right?" Later, Rubio claimed that ...')."""
    words = [i for i, item in enumerate(items) if item.word not in FINAL_PUNCT]
    if not words or items[words[0]].quote is None or any(f.first <= words[0] <= f.last for f in found):
        return None
    quote = items[words[0]]
    if len(words) > 1 and not (text[quote.start : quote.end].rstrip(DOUBLE_QUOTES + SINGLE_QUOTES + " ")[-1:] in ".?!"
                               and items[words[1]].upper):
        return None  # the sentence goes on after the quote
    return quote.quote


def find(doc: Doc) -> tuple[Statement, ...]:
    quotes = QuoteIndex(doc)
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in doc.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    found: dict[int, list[Draft]] = {}
    last_items: dict[int, list[Atom]] = {}
    for paragraph, sentences in by_paragraph.items():
        unit_found = []
        for group in sentence_groups(doc.text, sentences, quotes):
            items = items_of(doc, group, quotes)
            unit_found.append((items, _group_statements(items, doc)))
        found[paragraph] = _join_resumed_quotes(unit_found, doc)
        last_items[paragraph] = unit_found[-1][0]
    for paragraph, items in last_items.items():
        if found.get(paragraph + 1) == []:  # the next paragraph says nothing of its own
            introduced = introduced_statement(items, doc.paragraphs[paragraph + 1], doc)
            if introduced is not None:
                found[paragraph].append(introduced)
    return tuple(
        Statement("", f.kind, f.content, f.cue, f.source, None)
        for paragraph in sorted(found)
        for f in found[paragraph]
    )


@declare("attribution", requires=("sentences", "quotes"), assigns=("statements",))
def stage(doc: Doc) -> Doc:
    return replace(doc, statements=doc.statements + find(doc))

"""Every mention of a document: its sentences scanned one by one, headlines told apart."""

from __future__ import annotations

from ..doc import Doc
from ..marks import ASCII_QUOTES
from .gazetteer import Gazetteer, gazetteer
from .model import DocContext, Mention, SentenceTokens
from .scanner import DETERMINERS, OPENERS, SentenceScanner

# A line of >= 4 words, >= 60% capitalised, with >= 3 capitalised ordinary words, is Title Case.
HEADLINE_WORDS, HEADLINE_SHARE, HEADLINE_ORDINARY = 4, 0.6, 3


def is_headline(tokens: SentenceTokens, gaz: Gazetteer) -> bool:
    """A Title Case or capitals line ("Rand Paul Scores Direct Hit On Donald Trump"), not a sentence."""
    alphabetic = [c for w, c in zip(tokens.words, tokens.capitalised) if w[:1].isalpha()]
    if sum(1 for w in tokens.words if len(w) > 3 and w.isupper() and (w,) not in gaz.names) >= 2:
        return True  # "EXPERTS DOWNPLAY RISK": a line in capitals
    if len(alphabetic) < HEADLINE_WORDS or sum(alphabetic) < HEADLINE_SHARE * len(alphabetic):
        return False
    ordinary = sum(
        1
        for w, low, c in zip(tokens.words[1:], tokens.lowers[1:], tokens.capitalised[1:])
        if c and low in gaz.common_words and (w,) not in gaz.names
    )
    return ordinary >= HEADLINE_ORDINARY


def find_mentions(doc: Doc) -> list[Mention]:
    """Every mention in the article, in document order."""
    gaz = gazetteer()
    ascii_text = doc.text.translate(ASCII_QUOTES)
    sentences = [SentenceTokens.of(ascii_text, sentence.tokens) for sentence in doc.sentences]
    headlines = [is_headline(tokens, gaz) for tokens in sentences]
    inside, lower_case = set(), set()
    for tokens, headline in zip(sentences, headlines):
        words, caps = tokens.words, tokens.capitalised
        if headline:
            continue
        inside.update(words[i] for i in range(1, len(words)) if caps[i] and words[i - 1] not in OPENERS)
        lower_case.update(w for w, c in zip(words, caps) if not c)
    context = DocContext(
        gaz, frozenset(inside), frozenset(lower_case), DETERMINERS | frozenset(gaz.pronouns)
    )
    found: list[Mention] = []
    for index, tokens in enumerate(sentences):
        found.extend(SentenceScanner(doc.text, tokens, index, context, headlines[index]).scan())
    found.sort(key=lambda m: (m.span.start, -m.span.end))
    return found

"""Stance rules: the targets a statement is about (issues it names as noun phrases, actors it names)
and the polarity it takes on each, as ``Finding``s. Signals, each a small rule over the tokens of a
statement:

- the cue's own meaning: "called for X" (favor X), "condemned X", "warned that X could ..." (against);
- an evaluation of a subject in the content: "calls to get NATO involved were irresponsible",
  "the strikes must stop", and through "as" after a describing cue: "described X as a legitimate request";
- a stance cue inside the content: "the recklessness of this war", "to stop Russian air strikes";
- a negated action: "we will not trigger a wider conflict";
- a question put to the speaker ("Asked whether ... more sanctions ...") gives the topic of the answer;
- anaphors ("it", "such a step") resolve to the latest earlier target, the speaker's own first;
- for actors named in a statement's sentence: the directed-sentiment model (``stance.model``).
Reported attitudes outside statements ("X resisted calls for Y", "X echoed Y's condemnation of Z")
count for the actor's aggregate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Iterable, NamedTuple, Sequence

from .. import lexicons
from ..doc import Doc
from ..model import Span, Statement
from ..marks import ASCII_QUOTES
from .model import NEGATION_SCOPE, negations, stance_cues, stem, vader_lexicon

_TOKEN = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]")
CLAUSE_END = frozenset(".,;:!?\"()")
_CLAUSE_WORDS = lexicons.words("stance/clause_words")
DETERMINERS = lexicons.words("stance/determiners")
_MODALS = lexicons.words("shared/modals")
# Between a subject and its copula ("would not be"); "should", "can" and "must" are left in the subject
# as the rule was tuned (taking them out changes some targets: a rule change, with its own test).
_SUBJECT_AUXILIARIES = (_MODALS - {"should", "can", "must"}) | {"not"}
_QUESTION_MODALS = _MODALS - {"must"}  # "whether the EU would impose ...": the topic follows the verb
_MAX_PHRASE = 8  # tokens in a target phrase
_VADER_MINIMUM = 1.0  # weaker VADER valences ("defensive" 0.1) are not evaluations

# How much each kind of evidence is trusted (the stance's score).
_CUE_SCORE = 0.9
_RULE_SCORE = 0.8
_NEGATED_ACTION_SCORE = 0.7


class Token(NamedTuple):  # a tuple: made for every word the stage reads, so cheap to build
    word: str  # lower case, ASCII quotes
    stem: str
    start: int
    end: int


def tokenize(text: str, spans: Iterable[Span]) -> list[Token]:
    """Tokens of the given spans of ``text``, in order, with offsets into ``text``."""
    found = []
    for span in spans:
        folded = text[span.start : span.end].translate(ASCII_QUOTES).lower()  # same length: offsets hold
        for match in _TOKEN.finditer(folded):
            word = match.group()
            found.append(Token(word, stem(word), span.start + match.start(), span.start + match.end()))
    return found


@cache
def _cue_table() -> dict[str, tuple[tuple[tuple[str, ...], int, bool], ...]]:
    """First stem -> the stance cues starting with it, longest first: (stems, polarity, takes a claim
    as its that-clause)."""
    clause = {
        tuple(stem(w) for w in phrase.lower().split()) for phrase, _, *rest in lexicons.table("stance/cues")
        if rest and rest[0] == "clause"
    }
    table: dict[str, list[tuple[tuple[str, ...], int, bool]]] = {}
    for phrase, sign in stance_cues():  # longest first
        table.setdefault(phrase[0], []).append((phrase, sign, phrase in clause))
    return {first: tuple(cues) for first, cues in table.items()}


@cache
def stems(name: str) -> frozenset[str]:
    return frozenset(stem(w) for w in lexicons.entries(name))



@cache
def _anaphors() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(e.split()) for e in lexicons.entries("stance/anaphors"))


def cue_at(tokens: Sequence[Token], index: int) -> tuple[int, int, bool] | None:
    """(polarity, length, takes a claim) of the stance cue starting at ``tokens[index]``, if any."""
    for phrase, sign, claim in _cue_table().get(tokens[index].stem, ()):
        if tuple(t.stem for t in tokens[index : index + len(phrase)]) == phrase:
            return sign, len(phrase), claim
    return None


def negated(tokens: Sequence[Token], index: int, scope: int = NEGATION_SCOPE) -> bool:
    return any(t.word in negations() for t in tokens[max(0, index - scope) : index])


def _boundary(token: Token, previous: Token | None, following: Token | None) -> bool:
    if token.word in ("for", "to") and previous is not None and previous.word in lexicons.words("stance/request_nouns"):
        return False
    if token.word in CLAUSE_END or token.word in lexicons.words("stance/boundaries"):
        return True
    # "homes and hospitals" is one phrase; "this war and the importance of ..." is two.
    return token.word in ("and", "or") and following is not None and following.word in DETERMINERS


def phrase(tokens: Sequence[Token], index: int) -> tuple[int, int]:
    """The target phrase starting at ``tokens[index]``: token indexes [start, end)."""
    end = index
    while end < len(tokens) and end - index < _MAX_PHRASE:
        following = tokens[end + 1] if end + 1 < len(tokens) else None
        if _boundary(tokens[end], tokens[end - 1] if end > index else None, following):
            break
        end += 1
    return index, end


@dataclass(frozen=True)
class Finding:
    """One stance a rule found, before targets are resolved and stances aggregated."""

    holder: str | None  # actor id
    target: Span
    polarity: int  # +1 favor, -1 against, 0 neutral (a topic)
    score: float
    evidence: Span
    statement: int | None = None  # index into Doc.statements; None for a reported attitude
    target_actor: str | None = None
    anaphor: bool = False


def token_span(tokens: Sequence[Token], start: int, end: int) -> Span:
    return Span(tokens[start].start, tokens[end - 1].end)


def _strip_requests(tokens: Sequence[Token], start: int, end: int) -> int:
    """Skip "calls for"/"calls to" (and a determiner before it): a stance on calls for X is on X."""
    index = start + (tokens[start].word in DETERMINERS)
    if index + 1 < end and tokens[index].word in lexicons.words("stance/request_nouns") and tokens[index + 1].word in ("for", "to"):
        return index + 2
    return start


def _target(tokens: Sequence[Token], start: int, end: int) -> tuple[Span, bool] | None:
    """The target span of tokens [start, end) and whether it is an anaphor."""
    if start >= end:
        return None
    start = _strip_requests(tokens, start, end)
    words = tuple(t.word for t in tokens[start:end])
    is_anaphor = words in _anaphors()
    if not is_anaphor and all(w in lexicons.words("shared/function_words") or w in DETERMINERS for w in words):
        return None
    return token_span(tokens, start, end), is_anaphor


def _finding(
    tokens: Sequence[Token], start: int, end: int, polarity: int, score: float, evidence_from: int, **details: Any
) -> Finding | None:
    """A finding on the target phrase tokens [start, end); its evidence runs from the token that
    shows the polarity (a cue, a copula) to the end of the target."""
    found = _target(tokens, start, end)
    if found is None:
        return None
    target, is_anaphor = found
    evidence = Span(min(tokens[evidence_from].start, target.start), max(tokens[evidence_from].end, target.end))
    return Finding(target=target, polarity=polarity, score=score, evidence=evidence, anaphor=is_anaphor, **details)


def _evaluation(tokens: Sequence[Token], start: int, end: int) -> int:
    """The polarity (+1/-1/0) tokens [start, end) express: stance cues first, then VADER, with negation."""
    total = 0.0
    lexicon = vader_lexicon()
    for index in range(start, end):
        cue = cue_at(tokens, index)
        value = cue[0] * 2.0 if cue else lexicon.get(tokens[index].word, 0.0)
        if abs(value) < _VADER_MINIMUM:
            continue
        total += -value if negated(tokens, index, scope=index - start + 1) else value
    return (total > 0) - (total < 0)


def _clause_start(tokens: Sequence[Token], index: int) -> int:
    start = index
    while start > 0 and tokens[start - 1].word not in CLAUSE_END and tokens[start - 1].word != "that":
        start -= 1
    return start


def evaluated_subjects(tokens: Sequence[Token], evaluating: bool, **details) -> list[Finding]:
    """"calls to get NATO involved were irresponsible", "the strikes must stop", and with a describing
    cue "the no-fly zone as a very legitimate request": the subject with the predicate's polarity."""
    found = []
    for index, token in enumerate(tokens):
        link = token.word in lexicons.words("stance/copulas") or (evaluating and token.word == "as")
        modal = token.word in ("must", "should") and index + 1 < len(tokens) and cue_at(tokens, index + 1)
        if not (link or modal) or index == 0:
            continue
        subject_start = _clause_start(tokens, index)
        subject_end = index
        while subject_end > subject_start and tokens[subject_end - 1].word in _SUBJECT_AUXILIARIES:
            subject_end -= 1
        if index + 1 < len(tokens) and tokens[index + 1].word.endswith("ing") and not modal:
            continue  # "are witnessing": a progressive verb, not an evaluation
        predicate_end = index + 2 if modal else _predicate_end(tokens, index + 1)
        polarity = _evaluation(tokens, index, predicate_end)
        if not polarity or subject_start == subject_end or tokens[subject_start].word in _PERSONAL:
            continue
        finding = _finding(tokens, subject_start, subject_end, polarity, _RULE_SCORE, index, **details)
        if finding:
            evidence = Span(finding.evidence.start, tokens[predicate_end - 1].end)
            found.append(replace(finding, evidence=evidence))
    return found


def _predicate_end(tokens: Sequence[Token], start: int) -> int:
    """Where a predicate ends: at the clause's punctuation (quotation marks aside), at most a phrase long."""
    end = start
    while end < len(tokens) and end - start < _MAX_PHRASE:
        word = tokens[end].word
        if (word in CLAUSE_END and word != '"') or word in _CLAUSE_WORDS:
            break
        end += 1
    return end


_PERSONAL = lexicons.words("stance/personal_pronouns")


def cue_objects(tokens: Sequence[Token], **details) -> list[Finding]:
    """A stance cue inside the content and the phrase after it: "the recklessness of this war",
    "to stop Russian air strikes", "resisted calls for X"."""
    found = []
    index = 0
    while index < len(tokens):
        cue = cue_at(tokens, index)
        if cue is None:
            index += 1
            continue
        sign, length, _ = cue
        after = index + length
        if after < len(tokens) and tokens[after].word in ("of", "for", "on", "against"):
            after += 1
        start, end = phrase(tokens, after)
        polarity = -sign if negated(tokens, index) else sign
        finding = _finding(tokens, start, end, polarity, _RULE_SCORE, index, **details)
        if finding:
            found.append(finding)
        index = max(index + length, end)  # "resisted calls for X": "calls for" is part of the target
    return found


def negated_actions(tokens: Sequence[Token], **details) -> list[Finding]:
    """"we will not trigger a wider conflict", "we do not seek conflict": against the object."""
    found = []
    for index, token in enumerate(tokens[:-2]):
        if token.word not in negations():
            continue
        verb = tokens[index + 1]
        if verb.word in lexicons.words("shared/function_words") or verb.word in lexicons.words("stance/copulas") or verb.word in CLAUSE_END:
            continue
        if cue_at(tokens, index + 1):
            continue  # a negated stance cue is cue_objects' business
        start, end = phrase(tokens, index + 2)
        finding = _finding(tokens, start, end, -1, _NEGATED_ACTION_SCORE, index, **details)
        if finding:
            found.append(finding)
    return found


def question_topic(tokens: Sequence[Token], **details) -> list[Finding]:
    """"whether the European Union would impose more sanctions on Russia": the object of the verb
    after the first modal is the topic (a neutral finding the answer's stance attaches to)."""
    if not tokens or tokens[0].word not in ("whether", "if", "about"):
        return []
    if tokens[0].word == "about":
        start, end = phrase(tokens, 1)
        finding = _finding(tokens, start, end, 0, _RULE_SCORE, 0, **details)
        return [finding] if finding else []
    for index, token in enumerate(tokens):
        if token.word in _QUESTION_MODALS and index + 2 < len(tokens):
            start, end = phrase(tokens, index + 2)
            finding = _finding(tokens, start, end, 0, _RULE_SCORE, index, **details)
            return [finding] if finding else []
    return []


def cue_target(cue: Sequence[Token], content: Sequence[Token], **details) -> list[Finding]:
    """The statement's own cue when it is a stance cue: "called for a no-fly zone", "condemned X",
    "warned that such a step could ...", "denied that his forces ..." (the claim)."""
    for index in range(len(cue)):
        found = cue_at(cue, index)
        if found is None or not content:
            continue
        sign, _, claim = found
        polarity = -sign if negated(cue, index) else sign
        start = 1 if content[0].word == "that" and len(content) > 1 else 0
        if start and claim:
            end = next((i for i in range(start, len(content)) if content[i].word in CLAUSE_END), len(content))
        else:
            start, end = phrase(content, start)
            if end < len(content) and content[end].word == "to" and end - start <= 3:
                end = phrase(content, end + 1)[1]  # "called on Russia to withdraw all its forces"
        finding = _finding(content, start, end, polarity, _CUE_SCORE, start, **details)
        if finding:
            return [replace(finding, evidence=Span(min(cue[index].start, finding.target.start), finding.evidence.end))]
    return []


def statement_findings(doc: Doc, index: int, holder: str | None, question: bool) -> list[Finding]:
    statement = doc.statements[index]
    content = tokenize(doc.text, statement.content)
    cue = tokenize(doc.text, [statement.cue]) if statement.cue else []
    details = {"holder": holder, "statement": index}
    if question:
        return question_topic(content, **details)  # the question is not the speaker's view, only its topic
    evaluating = bool({t.stem for t in cue} & stems("stance/evaluation_cues"))
    found = cue_target(cue, content, **details)
    found += evaluated_subjects(content, evaluating, **details)
    taken = [f.evidence for f in found]
    found += [f for f in cue_objects(content, **details) if not any(f.evidence.overlaps(t) for t in taken)]
    found += negated_actions(content, **details)
    return found


def is_question(text: str, statement: Statement) -> bool:
    """Is the content a question put to the speaker ("Asked whether ...")?"""
    cue = tokenize(text, [statement.cue]) if statement.cue else []
    return any(t.stem in stems("stance/topic_cues") for t in cue)

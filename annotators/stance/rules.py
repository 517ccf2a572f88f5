"""Stance: whom and what each actor endorses or blames, with the evidence.

The ``stage`` reads the attributed statements and the actors and finds, for each statement, the
targets it is about (other actors of the article, and issues it names as noun phrases) with a
polarity, then aggregates them per actor. Signals, each a small rule over the tokens of a statement:

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

This module also scores the directed-sentiment model on the corpus format (``quotelens eval-stance``).
"""

from __future__ import annotations

import random
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Sequence

from .. import bootstrap, lexicons
from ..doc import Doc
from ..model import Actor, Span, Stance, Statement
from ..segment import ASCII_QUOTES
from .model import (
    LABELS,
    classify,
    features,
    mask,
    negations,
    read_tsv,
    shipped_model,
    stance_cues,
    stem,
    vader_lexicon,
)

_TOKEN = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]")
_CLAUSE_END = frozenset(".,;:!?\"()")
_CLAUSE_WORDS = frozenset({"that", "and", "but", "because", "which", "who", "while", "although", "though", "if", "when"})
_DETERMINERS = ("a", "an", "the", "this", "these", "that", "those")
_MAX_PHRASE = 8  # tokens in a target phrase
_MODEL_THRESHOLD = 0.6  # the model's probability for a direction and polarity to count as a stance
_VADER_MINIMUM = 1.0  # weaker VADER valences ("defensive" 0.1) are not evaluations
_ANAPHOR_SENTENCES = 3  # how far back an anaphor looks for its target

# How much each kind of evidence is trusted (the stance's score).
_CUE_SCORE = 0.9
_RULE_SCORE = 0.8
_NEGATED_ACTION_SCORE = 0.7
_ANAPHOR_DISCOUNT = 0.9


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
        tuple(stem(w) for w in phrase.lower().split()) for phrase, _, *rest in lexicons.table("stance_cues")
        if rest and rest[0] == "clause"
    }
    table: dict[str, list[tuple[tuple[str, ...], int, bool]]] = {}
    for phrase, sign in stance_cues():  # longest first
        table.setdefault(phrase[0], []).append((phrase, sign, phrase in clause))
    return {first: tuple(cues) for first, cues in table.items()}


@cache
def _stems(name: str) -> frozenset[str]:
    return frozenset(stem(w) for w in lexicons.entries(name))


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(lexicons.entries(name))


@cache
def _anaphors() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(e.split()) for e in lexicons.entries("stance_anaphors"))


def cue_at(tokens: Sequence[Token], index: int) -> tuple[int, int, bool] | None:
    """(polarity, length, takes a claim) of the stance cue starting at ``tokens[index]``, if any."""
    for phrase, sign, claim in _cue_table().get(tokens[index].stem, ()):
        if tuple(t.stem for t in tokens[index : index + len(phrase)]) == phrase:
            return sign, len(phrase), claim
    return None


def negated(tokens: Sequence[Token], index: int, scope: int = 3) -> bool:
    return any(t.word in negations() for t in tokens[max(0, index - scope) : index])


def _boundary(token: Token, previous: Token | None, following: Token | None) -> bool:
    if token.word in ("for", "to") and previous is not None and previous.word in _words("stance_request_nouns"):
        return False
    if token.word in _CLAUSE_END or token.word in _words("stance_boundaries"):
        return True
    # "homes and hospitals" is one phrase; "this war and the importance of ..." is two.
    return token.word in ("and", "or") and following is not None and following.word in _DETERMINERS


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


def _span(tokens: Sequence[Token], start: int, end: int) -> Span:
    return Span(tokens[start].start, tokens[end - 1].end)


def _strip_requests(tokens: Sequence[Token], start: int, end: int) -> int:
    """Skip "calls for"/"calls to" (and a determiner before it): a stance on calls for X is on X."""
    index = start + (tokens[start].word in _DETERMINERS)
    if index + 1 < end and tokens[index].word in _words("stance_request_nouns") and tokens[index + 1].word in ("for", "to"):
        return index + 2
    return start


def _target(tokens: Sequence[Token], start: int, end: int) -> tuple[Span, bool] | None:
    """The target span of tokens [start, end) and whether it is an anaphor."""
    if start >= end:
        return None
    start = _strip_requests(tokens, start, end)
    words = tuple(t.word for t in tokens[start:end])
    is_anaphor = words in _anaphors()
    if not is_anaphor and all(w in _words("function_words") or w in _DETERMINERS for w in words):
        return None
    return _span(tokens, start, end), is_anaphor


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
    while start > 0 and tokens[start - 1].word not in _CLAUSE_END and tokens[start - 1].word != "that":
        start -= 1
    return start


def evaluated_subjects(tokens: Sequence[Token], evaluating: bool, **details) -> list[Finding]:
    """"calls to get NATO involved were irresponsible", "the strikes must stop", and with a describing
    cue "the no-fly zone as a very legitimate request": the subject with the predicate's polarity."""
    found = []
    for index, token in enumerate(tokens):
        link = token.word in _words("stance_copulas") or (evaluating and token.word == "as")
        modal = token.word in ("must", "should") and index + 1 < len(tokens) and cue_at(tokens, index + 1)
        if not (link or modal) or index == 0:
            continue
        subject_start = _clause_start(tokens, index)
        subject_end = index
        while subject_end > subject_start and tokens[subject_end - 1].word in ("would", "could", "will", "might", "may", "not"):
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
        if (word in _CLAUSE_END and word != '"') or word in _CLAUSE_WORDS:
            break
        end += 1
    return end


_PERSONAL = frozenset({"i", "we", "you", "he", "she", "they", "ours", "mine"})


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
        if verb.word in _words("function_words") or verb.word in _words("stance_copulas") or verb.word in _CLAUSE_END:
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
        if token.word in ("would", "will", "could", "should", "might", "can", "may") and index + 2 < len(tokens):
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
            end = next((i for i in range(start, len(content)) if content[i].word in _CLAUSE_END), len(content))
        else:
            start, end = phrase(content, start)
            if end < len(content) and content[end].word == "to" and end - start <= 3:
                end = phrase(content, end + 1)[1]  # "called on Russia to withdraw all its forces"
        finding = _finding(content, start, end, polarity, _CUE_SCORE, start, **details)
        if finding:
            return [replace(finding, evidence=Span(min(cue[index].start, finding.target.start), finding.evidence.end))]
    return []


# --- one statement ----------------------------------------------------------------------------------


def statement_findings(doc: Doc, index: int, holder: str | None, question: bool) -> list[Finding]:
    statement = doc.statements[index]
    content = tokenize(doc.text, statement.content)
    cue = tokenize(doc.text, [statement.cue]) if statement.cue else []
    details = {"holder": holder, "statement": index}
    if question:
        return question_topic(content, **details)  # the question is not the speaker's view, only its topic
    evaluating = bool({t.stem for t in cue} & _stems("stance_evaluation_cues"))
    found = cue_target(cue, content, **details)
    found += evaluated_subjects(content, evaluating, **details)
    taken = [f.evidence for f in found]
    found += [f for f in cue_objects(content, **details) if not any(f.evidence.overlaps(t) for t in taken)]
    found += negated_actions(content, **details)
    return found


def _is_question(text: str, statement: Statement) -> bool:
    """Is the content a question put to the speaker ("Asked whether ...")?"""
    cue = tokenize(text, [statement.cue]) if statement.cue else []
    return any(t.stem in _stems("stance_topic_cues") for t in cue)


class _ByStart:
    """Spans sorted by start, each with what it carries: the ones starting in a range, by bisection
    (a long article has thousands of statements and mentions: no quadratic scans)."""

    def __init__(self, items: Iterable[tuple[Span, Any]]):
        self.items = sorted(items, key=lambda item: item[0].start)
        self.starts = [span.start for span, _ in self.items]

    def starting_in(self, start: int, end: int) -> list[tuple[Span, Any]]:
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def index_at(self, offset: int) -> int:
        """The index of the last span starting at or before ``offset`` (-1 if none)."""
        return bisect_right(self.starts, offset) - 1


def actor_findings(doc: Doc, index: int, holder: str, mentions: _ByStart, issues: list[Span]) -> list[Finding]:
    """Actors named in a statement, other than its speaker, with the directed-sentiment model's
    verdict when the speaker's mention is in the same sentence; neutral otherwise."""
    statement = doc.statements[index]
    found = []
    for mention, actor in mentions.starting_in(statement.start, statement.end):
        if actor == holder:
            continue
        if not any(piece.contains(mention) for piece in statement.content):
            continue
        if any(issue.contains(mention) for issue in issues):
            continue  # "Russia to withdraw its forces": part of an issue, not a stance on Russia
        polarity, score = 0, 0.0
        sentence = _sentence(doc, mention.start)
        source = statement.source
        if sentence and source and sentence.contains(source) and not source.overlaps(mention):
            polarity, score = _model_polarity(doc.text, sentence, source, mention)
        found.append(Finding(holder, mention, polarity, score, mention, index, target_actor=actor))
    return found


def _model_polarity(text: str, sentence: Span, holder: Span, target: Span) -> tuple[int, float]:
    base = sentence.start
    first, second = sorted([holder, target])
    probabilities = classify(
        text[sentence.start : sentence.end],
        (first.start - base, first.end - base),
        (second.start - base, second.end - base),
    )
    direction = "first" if holder == first else "second"
    other = "second" if direction == "first" else "first"
    favor = probabilities[f"{direction}+{other}"]
    against = probabilities[f"{direction}-{other}"]
    if max(favor, against) < _MODEL_THRESHOLD:
        return 0, probabilities["neutral"]
    return (1, favor) if favor >= against else (-1, against)


def _sentence(doc: Doc, offset: int) -> Span | None:
    index = bisect_right(_sentence_starts(doc), offset) - 1
    span = doc.sentences[index].span if index >= 0 else None
    return span if span is not None and offset < span.end else None


_STARTS: dict[int, tuple[Doc, list[int]]] = {}


def _sentence_starts(doc: Doc) -> list[int]:
    """Sentence starts of the Doc being staged (kept for the last Doc only)."""
    cached = _STARTS.get(0)
    if cached is None or cached[0] is not doc:
        cached = (doc, [s.span.start for s in doc.sentences])
        _STARTS[0] = cached
    return cached[1]


# --- reported attitudes -------------------------------------------------------------------------------


class _Covered:
    """The union of some spans, as sorted disjoint intervals: does it cover a span?"""

    def __init__(self, spans: Iterable[Span]):
        merged: list[list[int]] = []
        for span in sorted(spans):
            if merged and span.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], span.end)
            else:
                merged.append([span.start, span.end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def covers(self, span: Span) -> bool:
        index = bisect_right(self.starts, span.start) - 1
        return index >= 0 and span.end <= self.ends[index]


def attitude_findings(doc: Doc, mentions: dict[Span, str], said: _Covered) -> list[Finding]:
    """Stance cues outside every statement, held by the actor named just before them: "X resisted calls
    for Y"; "X echoed Y's condemnation of Z" (Y's, and X's through the echoing verb)."""
    found = []
    for sentence in doc.sentences:
        tokens = tokenize(doc.text, [sentence.span])
        covered = 0  # offset up to which an earlier cue's target reaches
        for index in range(len(tokens)):
            token = _span(tokens, index, index + 1)
            if token.start < covered or cue_at(tokens, index) is None or said.covers(token):
                continue
            holders = _holders_before(tokens, index, mentions)
            for finding in cue_objects(tokens[index:], holder=None)[:1]:
                found += [replace(finding, holder=h) for h in holders]
                covered = finding.evidence.end
    return found


def _mention_ending_at(tokens: Sequence[Token], index: int, mentions: dict[Span, str]) -> str | None:
    """The actor whose mention ends with ``tokens[index]`` (or with a possessive "'s" there)."""
    ends = {tokens[index].end}
    if tokens[index].word in ("'s", "s'") or tokens[index].word.endswith("'s"):
        ends.add(tokens[index].end - 2)
    return next((a for m, a in mentions.items() if m.end in ends and m.start <= tokens[index].start + 1), None)


def _holders_before(tokens: Sequence[Token], index: int, mentions: dict[Span, str]) -> list[str]:
    holders = []
    for back in range(index - 1, max(-1, index - 4), -1):
        actor = _mention_ending_at(tokens, back, mentions)
        if actor:
            holders.append(actor)
            echo = back - 1
            while echo >= 0 and tokens[echo].word in ("'s", "'"):
                echo -= 1
            start = next((i for i in range(echo, -1, -1) if _mention_ending_at(tokens, i, mentions)), None)
            if start is not None and any(t.stem in _stems("stance_echo_cues") for t in tokens[start:back]):
                holders.append(_mention_ending_at(tokens, start, mentions))
            break
        if tokens[back].word in _CLAUSE_END:
            break
    return holders


# --- resolving and aggregating ------------------------------------------------------------------------


def resolve_anaphors(doc: Doc, findings: list[Finding]) -> list[Finding]:
    """An anaphoric target takes the latest earlier non-anaphoric target: the same holder's within
    the paragraph first, else anyone's within the last few sentences; unresolved ones are dropped."""
    targets = sorted((f for f in findings if not f.anaphor and f.target_actor is None), key=lambda f: f.target.end)
    ends = [f.target.end for f in targets]
    paragraphs = _ByStart((p, None) for p in doc.paragraphs)
    resolved = []
    for finding in findings:
        if not finding.anaphor:
            resolved.append(finding)
            continue
        earlier = bisect_right(ends, finding.target.start)
        paragraph = paragraphs.index_at(finding.target.start)
        own = None
        for candidate in reversed(targets[:earlier]):
            if paragraphs.index_at(candidate.target.start) != paragraph:
                break
            if candidate.holder == finding.holder:
                own = candidate
                break
        near = targets[earlier - 1] if earlier else None
        if near is not None and _sentences_between(doc, near.target, finding.target) > _ANAPHOR_SENTENCES:
            near = None
        antecedent = own or near
        if antecedent is not None:
            resolved.append(replace(finding, target=antecedent.target, anaphor=False,
                                    score=round(finding.score * _ANAPHOR_DISCOUNT, 3)))
    return resolved


def _sentences_between(doc: Doc, a: Span, b: Span) -> int:
    """How many sentences start after ``a`` ends and no later than ``b`` starts."""
    starts = _sentence_starts(doc)
    return max(0, bisect_right(starts, b.start) - bisect_left(starts, a.end))


def target_label(text: str, span: Span) -> str:
    """How a target is shown: its words, without a leading determiner ("a no-fly zone" -> "no-fly zone")."""
    words = span.text(text).split()
    while len(words) > 1 and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return " ".join(words).strip("\"“”‘’'")


_POLARITY = {1: "favor", -1: "against", 0: "neutral"}


def _key(text: str, finding: Finding) -> str:
    return finding.target_actor or target_label(text, finding.target).lower()


def to_stances(text: str, findings: Sequence[Finding], actors: dict[str, Actor]) -> tuple[Stance, ...]:
    """Findings about the same target become one stance: "mixed" when both sides are expressed,
    neutral findings count only where nothing else is said; strongest evidence first."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(_key(text, finding), []).append(finding)
    stances = []
    for group in groups.values():
        sides = {f.polarity for f in group if f.polarity}
        polarity = "mixed" if len(sides) == 2 else _POLARITY[sides.pop() if sides else 0]
        ranked = sorted((f for f in group if f.polarity or polarity == "neutral"), key=lambda f: -f.score)
        strongest = ranked[0]
        actor = actors.get(strongest.target_actor) if strongest.target_actor else None
        stances.append(Stance(
            target=actor.name if actor else target_label(text, strongest.target),
            polarity=polarity,
            score=round(strongest.score, 3),
            evidence=tuple(dict.fromkeys(f.evidence for f in ranked)),
            target_actor=strongest.target_actor,
            target_span=strongest.target,
            count=len(ranked),
        ))
    return tuple(sorted(stances, key=lambda s: s.target_span.start if s.target_span else 0))


def _holder(actors: dict[str, Actor], actor_id: str | None) -> str | None:
    """A descriptive actor linked to a named one ("the EU's top diplomat") holds stances as that one."""
    actor = actors.get(actor_id) if actor_id else None
    return (actor.same_as or actor.id) if actor else None


def stage(doc: Doc) -> Doc:
    actors = {a.id: a for a in doc.actors}
    mentions = {m: _holder(actors, a.id) for a in doc.actors for m in a.mentions}
    mentions_by_start = _ByStart(mentions.items())
    contents = _ByStart((piece, s) for s in doc.statements for piece in s.content)
    findings: list[Finding] = []
    for index, statement in enumerate(doc.statements):
        holder = _holder(actors, statement.actor)
        question = _is_question(doc.text, statement)
        if holder is None and not question:
            continue  # an unnamed asker's question still gives the answer its topic
        found = [_as_actor(f, mentions) for f in statement_findings(doc, index, holder, question)]
        issues = [f.target for f in found]
        if not question:
            found += actor_findings(doc, index, holder, mentions_by_start, issues)
        nested = _nested_contents(statement, contents)
        findings += [f for f in found if not any(n.contains(f.target) for n in nested)]
    said = _Covered(span for s in doc.statements for span in (*s.content, *(x for x in (s.cue,) if x)))
    findings += [_as_actor(f, mentions) for f in attitude_findings(doc, mentions, said)]
    findings = resolve_anaphors(doc, findings)
    by_statement: dict[int, list[Finding]] = {}
    by_holder: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.holder == finding.target_actor:
            continue
        if finding.statement is not None:
            by_statement.setdefault(finding.statement, []).append(finding)
        if finding.polarity and finding.holder:
            by_holder.setdefault(finding.holder, []).append(finding)
    statements = tuple(
        replace(s, stances=to_stances(doc.text, by_statement.get(i, []), actors))
        for i, s in enumerate(doc.statements)
    )
    aggregated = tuple(
        replace(a, stances=_strongest_first(to_stances(doc.text, by_holder.get(a.id, []), actors)))
        for a in doc.actors
    )
    return replace(doc, statements=statements, actors=aggregated)


def _as_actor(finding: Finding, mentions: dict[Span, str]) -> Finding:
    """A target phrase that is just an actor's mention ("praised Al Bell") is a stance on that actor."""
    actor = mentions.get(finding.target)
    return replace(finding, target_actor=actor) if actor else finding


def _nested_contents(statement: Statement, contents: _ByStart) -> list[Span]:
    """Contents of other statements reported inside this one's ("According to diplomats, the
    ministers agreed that ..."): their targets are the inner speaker's, not this one's."""
    outer = Span(statement.start, statement.end)
    return [
        piece for piece, other in contents.starting_in(outer.start, outer.end)
        if other is not statement and other.actor != statement.actor
        and outer.contains(piece) and len(piece) < len(outer)
    ]


def _strongest_first(stances: tuple[Stance, ...]) -> tuple[Stance, ...]:
    return tuple(sorted(stances, key=lambda s: (-s.count, -s.score)))


# --- scoring the directed-sentiment model -------------------------------------------------------------


def per_label_scores(gold: Sequence[int], predicted: Sequence[int], labels: Iterable[int]) -> dict[int, dict]:
    """Precision, recall, F1 and support of each label."""
    pairs = Counter(zip(gold, predicted))
    gold_counts, predicted_counts = Counter(gold), Counter(predicted)
    scores = {}
    for label in labels:
        hits = pairs[(label, label)]
        precision = hits / predicted_counts[label] if predicted_counts[label] else 0.0
        recall = hits / gold_counts[label] if gold_counts[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[label] = {"precision": precision, "recall": recall, "f1": f1, "support": gold_counts[label]}
    return scores


def macro_f1(gold: Sequence[int], predicted: Sequence[int], labels: Iterable[int]) -> float:
    scores = per_label_scores(gold, predicted, labels)
    return sum(s["f1"] for s in scores.values()) / len(scores)


def macro_f1_interval(gold: Sequence[int], predicted: Sequence[int], labels: Sequence[int]) -> tuple[float, float]:
    """A 95 % bootstrap interval of macro-F1 over the rows: how far the figure could move on another
    sample of the same size (a thousand rows leave rare labels with a hundred or two)."""
    n = len(gold)

    def draw(rng: random.Random) -> dict[str, float]:
        rows = [rng.randrange(n) for _ in range(n)]
        return {"macro_f1": macro_f1([gold[i] for i in rows], [predicted[i] for i in rows], labels)}

    return bootstrap.intervals(draw)["macro_f1"]


def evaluate(path: Path) -> dict[str, Any]:
    """Accuracy, macro-F1 over the five labels (with its bootstrap interval) and per-label P/R/F1 of
    the shipped model on a directed-sentiment TSV file. Per-label keys are the corpus's label numbers as strings."""
    model = shipped_model()
    gold, predicted = [], []
    with path.open(encoding="utf-8") as lines:
        for text, first, second, label in read_tsv(lines):
            gold.append(label)
            predicted.append(LABELS.index(model.predict(features(mask(text, first, second)))))
    labels = range(len(LABELS))
    per_label = per_label_scores(gold, predicted, labels)
    return {
        "rows": len(gold),
        "accuracy": sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0,
        "macro_f1": sum(s["f1"] for s in per_label.values()) / len(LABELS),
        "macro_f1_95ci": list(macro_f1_interval(gold, predicted, labels)) if gold else None,
        "per_label": {str(k): {"name": LABELS[k], **v} for k, v in per_label.items()},
    }

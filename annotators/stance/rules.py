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
count for the actor's aggregate. A target is an actor or a noun phrase (``noun_phrase``), and a cue
counts only when the words show its subject taking the side: not a passive, a hedge, advice or someone
else's act (``someone_elses``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Sequence

from .. import lexicons
from ..attribution.cues import cue_forms
from ..doc import Doc
from ..model import Span, Statement
from .model import negations, vader_lexicon
from .tokens import Token, cue_at, cue_polarity, negated, stems, token_span, tokenize
from .targets import DETERMINERS, PERSONAL, QUOTES, TRAILING, noun_phrase

CLAUSE_END = frozenset(".,;:!?\"()—–")
_CLAUSE_WORDS = lexicons.words("stance/clause_words")
_MODALS = lexicons.words("shared/modals")
# Between a subject and its copula ("would not be"); "should", "can" and "must" are left in the subject
# as the rule was tuned (taking them out changes some targets: a rule change, with its own test).
_SUBJECT_AUXILIARIES = (_MODALS - {"should", "can", "must"}) | {"not"}
_QUESTION_MODALS = _MODALS - {"must"}  # "whether the EU would impose ...": the topic follows the verb
_MAX_PHRASE = 8  # tokens in a target phrase
_VADER_MINIMUM = 1.0  # weaker VADER valences ("defensive" 0.1) are not evaluations
_EVALUATION_MINIMUM = 2.0  # what a predicate must weigh to judge its subject: "a bad idea", not "low"
_BOOST = 0.5  # what "very" adds
_BE = frozenset({"is", "are", "was", "were", "be", "been"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whose"})
_HEDGES = frozenset({"if", "unless", "whether", "unable", "may", "might", "could"})
_NOUN_OPENERS = frozenset({"such", "no", "any", "every", "his", "her", "their", "its", "our", "my", "your"})

# How much each kind of evidence is trusted (the stance's score).
_CUE_SCORE = 0.9
_RULE_SCORE = 0.8
_NEGATED_ACTION_SCORE = 0.7


@cache
def _anaphors() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(e.split()) for e in lexicons.entries("stance/anaphors"))


def _boundary(token: Token, previous: Token | None, following: Token | None) -> bool:
    if token.word in ("for", "to") and previous is not None and previous.word in lexicons.words("stance/request_nouns"):
        return False
    if token.word in CLAUSE_END or token.word in lexicons.words("stance/boundaries"):
        return True
    if token.word == "of" and following is not None and following.word.endswith("ing"):
        return True  # "accused Holt of being a Democrat": the target is Holt
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
    from_model: bool = False  # the directed-sentiment model's verdict on an actor named in a statement


def _strip_requests(tokens: Sequence[Token], start: int, end: int) -> int:
    """Skip "calls for" (and a determiner before it): a stance on calls for X is on X. "Calls to get
    NATO involved" stays whole: what follows "to" is a verb, and the target is the calls."""
    index = start + (tokens[start].word in DETERMINERS)
    if index + 1 < end and tokens[index].word in lexicons.words("stance/request_nouns") and tokens[index + 1].word == "for":
        return index + 2
    return start


def _target(tokens: Sequence[Token], start: int, end: int) -> tuple[Span, bool] | None:
    """The target span of tokens [start, end) and whether it is an anaphor."""
    if start >= end:
        return None
    start = _strip_requests(tokens, start, end)
    while start < end and tokens[start].word in QUOTES:
        start += 1
    while end > start and (tokens[end - 1].word in QUOTES or tokens[end - 1].word in TRAILING):
        end -= 1  # "calls to raise taxes again": the adverb qualifies the verb, not the target
    words = tuple(t.word for t in tokens[start:end])
    if end - start <= 2 and end < len(tokens) and tokens[end].word == "that":
        return None  # "mocking the fact that ...": the target is the clause, not "fact"
    is_anaphor = words in _anaphors()
    if not is_anaphor and not noun_phrase(words):
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


def _evaluation(tokens: Sequence[Token], start: int, end: int, minimum: float = 0.0) -> int:
    """The polarity (+1/-1/0) tokens [start, end) express: stance cues first (worth 2), then VADER, with
    negation; a booster ("very difficult") adds to the word after it. 0 when the total is below
    ``minimum``."""
    total = 0.0
    lexicon = vader_lexicon()
    for index in range(start, end):
        cue = cue_at(tokens, index) if tokens[index].word != "back" else None  # "accept her back": a particle
        value = cue[0] * 2.0 if cue else lexicon.get(tokens[index].word, 0.0)
        if abs(value) < _VADER_MINIMUM:
            continue
        if index > start and tokens[index - 1].word in lexicons.words("stance/boosters"):
            value += _BOOST if value > 0 else -_BOOST
        total += -value if negated(tokens, index, scope=index - start + 1) else value
    if abs(total) < minimum:
        return 0
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
        while subject_end > subject_start and tokens[subject_end - 1].word in ("would", "could", "will", "might", "may", "not"):
            subject_end -= 1
        if index + 1 < len(tokens) and tokens[index + 1].word.endswith("ing") and not modal:
            continue  # "are witnessing": a progressive verb, not an evaluation
        if _hedged(tokens, subject_end, index) or (link and _passive(tokens, index + 1)):
            continue  # "may be reluctant", "were handed out": a guess or an act, not an evaluation
        if any(t.word == "than" for t in tokens[index:_predicate_end(tokens, index + 1) + 1]):
            continue  # "X was more difficult than Y": a comparison, no side taken on X
        predicate_end = index + 2 if modal else _predicate_end(tokens, index + 1)
        if link and _circumstance(tokens, index + 1):
            continue  # "is in good health", "was on the line", "are at risk": a state, not a judgement
        polarity = _evaluation(tokens, index, predicate_end, _EVALUATION_MINIMUM)
        if not polarity or subject_start == subject_end or tokens[subject_start].word in PERSONAL:
            continue
        if any(
            tokens[i].word in cue_forms() and tokens[i - 1].word not in DETERMINERS
            for i in range(subject_start + 1, subject_end)
        ):
            continue  # "Melanie thought the whole thing was outrageous": a report, not a subject
        finding = _finding(tokens, subject_start, subject_end, polarity, _RULE_SCORE, index, **details)
        if finding:
            evidence = Span(finding.evidence.start, tokens[predicate_end - 1].end)
            found.append(replace(finding, evidence=evidence))
    return found


def _hedged(tokens: Sequence[Token], start: int, end: int) -> bool:
    """ "may be reluctant", and "would be wise to" unless an anaphor takes up a target ("it would be
    very difficult to put in place")."""
    words = [t.word for t in tokens[start:end]]
    anaphor = start > 0 and (tokens[start - 1].word,) in _anaphors()
    return any(w in ("may", "might", "could") for w in words) or ("would" in words and not anaphor)


def _circumstance(tokens: Sequence[Token], index: int) -> bool:
    word = tokens[index].word if index < len(tokens) else ""
    return word in lexicons.words("shared/prepositions") and word not in ("to", "as", "like")


def _passive(tokens: Sequence[Token], index: int) -> bool:
    """ "are called failing", "would be swamped": a past participle after the copula."""
    while index < len(tokens) and tokens[index].word in ("not", "be", "been", "being", "all", "also"):
        index += 1
    return index < len(tokens) and tokens[index].word.endswith("ed")


def _predicate_end(tokens: Sequence[Token], start: int) -> int:
    """Where a predicate ends: at the clause's punctuation (quotation marks aside), at most a phrase long."""
    end = start
    while end < len(tokens) and end - start < _MAX_PHRASE:
        word = tokens[end].word
        if (word in CLAUSE_END and word != '"') or word in _CLAUSE_WORDS:
            break
        end += 1
    return end


def cue_objects(tokens: Sequence[Token], context: Sequence[Token] = (), **details) -> list[Finding]:
    """A stance cue inside the content and the phrase after it: "the recklessness of this war",
    "to stop Russian air strikes", "resisted calls for X". ``context``: the tokens before the content."""
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
        start, end = _object(tokens, after)
        # the words before the content ("cited" in "cited criticism of X") are part of the cue's context
        around, shift = [*context, *tokens], len(context)
        polarity = cue_polarity(around, shift + index, sign)
        finding = None if polarity is None or someone_elses(around, shift + index, shift + end) else _finding(
            tokens, start, end, polarity, _RULE_SCORE, index, **details
        )
        if finding:
            found.append(finding)
        index = max(index + length, end)  # "resisted calls for X": "calls for" is part of the target
    return found


def someone_elses(tokens: Sequence[Token], cue: int, end: int) -> bool:
    """Whether the cue at ``cue`` (its target ending at ``end``) reports another's act, or no stance:
    a participle after a noun ("his work defending death row inmates"), a particle ("bring back"), a
    passive or a hedge before it, advice ("warned X to ..."), a relative clause ("who opposes this
    motion"), an act named by a noun ("the criticism of X": whose?), a word qualifying a noun ("a
    legitimate source"), or a request that something be done to the target ("called for the nominee
    to be taken to hospital")."""
    word, before = tokens[cue].word, tokens[cue - 1].word if cue else ""
    if word.endswith("ing") and before not in _BE | {"by"} and before[:1].isalpha():
        return True
    if word == "back" or unasserted(tokens[:cue]) or _advice(tokens, cue) or _attributive(tokens, cue):
        return True
    back = cue - 1
    while back >= 0 and tokens[back].word in lexicons.words("attribution/cue_adverbs"):
        back -= 1
    if back >= 0 and tokens[back].word in _RELATIVE_PRONOUNS:
        return True  # "the other party, who also opposes this application": the party's view
    if any(t.word == "you" for t in tokens[_clause_start(tokens, cue) : cue]):
        return True  # "You went on television to blame ...": the addressee's act
    nominal = before in ("a", "an", "the", "in") or (before.endswith("ed") and len(before) > 3)
    if nominal and tokens[cue].stem not in stems("stance/qualities"):
        return True  # "cited criticism of X", "a coordinated attack", "in favor of": whose act is it?
    return end + 1 < len(tokens) and tokens[end].word == "to" and tokens[end + 1].word == "be"


def unasserted(before: Sequence[Token]) -> bool:
    """Whether the clause before a cue makes it no stance of its subject's: a passive ("has been
    criticized for X": the criticism is someone else's) or a hedge ("if the plan rejected X", "will be
    unable to accuse X", "may oppose X")."""
    clause = before[_clause_start(before, len(before)) :] if before else []
    if clause and clause[-1].word in _BE | {"being", "get", "got", "gets"}:
        return True
    return any(t.word in _HEDGES for t in clause)


def _advice(tokens: Sequence[Token], cue: int) -> bool:
    """ "warned officials to boost security": advice to the object, not a stance against it."""
    found = cue_at(tokens, cue)
    return bool(found) and found[0] < 0 and _infinitive_after(tokens, *phrase(tokens, cue + found[1]))


def _attributive(tokens: Sequence[Token], cue: int) -> bool:
    """A cue word inside a noun phrase, qualifying the noun after it ("a critical situation", "under
    legitimate pretenses"), unless a preposition introduces its own object ("the recklessness of X")."""
    before = tokens[cue - 1].word if cue else ""
    after = tokens[cue + 1].word if cue + 1 < len(tokens) else ""
    opens = (
        before in DETERMINERS or before in _NOUN_OPENERS or before.endswith("'s") or before == ","
        or (before in lexicons.words("shared/prepositions") and before != "to")
    )
    if before == "the" and cue > 1 and tokens[cue - 2].word in lexicons.words("shared/prepositions"):
        return True  # "at the end of the day": a time or a place
    return opens and after not in ("of", "for", "on", "against", "to") and after[:1].isalpha()


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
        if verb.stem not in stems("stance/negated_verbs"):
            continue  # "did not supply an estimate" says what did not happen, not what is opposed
        if not any(t.word in ("we", "i") for t in tokens[_clause_start(tokens, index) : index]):
            continue  # "we will not accept": the speaker's own side; "he is not seeking office" is a fact
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


def _object(tokens: Sequence[Token], start: int) -> tuple[int, int]:
    """A cue's object phrase, with the infinitive of a request: "called on Russia to withdraw all its
    forces", "urged young people to join"."""
    start, end = phrase(tokens, start)
    if _infinitive_after(tokens, start, end):
        end = phrase(tokens, end + 1)[1]
    return start, end


def _infinitive_after(tokens: Sequence[Token], start: int, end: int) -> bool:
    return end < len(tokens) and tokens[end].word == "to" and end - start <= 3


def cue_target(cue: Sequence[Token], content: Sequence[Token], before: Sequence[Token] = (), **details) -> list[Finding]:
    """The statement's own cue when it is a stance cue: "called for a no-fly zone", "condemned X",
    "warned that such a step could ...", "denied that his forces ..." (the claim)."""
    for index in range(len(cue)):
        found = cue_at(cue, index)
        if found is None or not content:
            continue
        if _advice([*cue, *content], index):
            return []  # "warned North Korea to refrain from ..."
        sign, _, claim = found
        context = [*before, *cue]
        polarity = cue_polarity(context, len(before) + index, sign)
        if polarity is None or cue[index].word == "back" or unasserted(context[: len(before) + index]):
            return []  # "avoids condemning X", "dialing back plans", "has been blamed for X"
        inside = index + found[1]
        if inside < len(cue) and cue[inside].word not in ("that", "to") and cue[inside].word[:1].isalnum():
            # "agreed with Matthews about": the object is inside the cue span
            start, end = phrase(cue, inside)
            finding = _finding(cue, start, end, polarity, _CUE_SCORE, index, **details)
            return [finding] if finding else []
        start = 1 if content[0].word == "that" and len(content) > 1 else 0
        if start and not claim and any(negated(content, i) for i in range(phrase(content, start)[1], len(content))):
            return []  # "warned that the museum would not be a panacea": no stance against the museum
        if start and claim:
            end = next((i for i in range(start, len(content)) if content[i].word in CLAUSE_END), len(content))
        else:
            start, end = _object(content, start)
            if [t.word for t in content[end : end + 2]] == ["to", "be"]:
                return []  # "called for the nominee to be taken to hospital": no side on the nominee
        finding = _finding(content, start, end, polarity, _CUE_SCORE, start, **details)
        if finding:
            return [replace(finding, evidence=Span(min(cue[index].start, finding.target.start), finding.evidence.end))]
    return []


def statement_findings(doc: Doc, index: int, holder: str | None, question: bool) -> list[Finding]:
    statement = doc.statements[index]
    content = tokenize(doc.text, statement.content)
    cue = tokenize(doc.text, [statement.cue]) if statement.cue is not None else []
    details = {"holder": holder, "statement": index}
    if question:
        return question_topic(content, **details)  # the question is not the speaker's view, only its topic
    evaluating = bool({t.stem for t in cue} & stems("stance/evaluation_cues"))
    found = cue_target(cue, content, _before(doc, statement.cue), **details)
    found += evaluated_subjects(content, evaluating, **details)
    taken = [f.evidence for f in found]
    context = _before(doc, statement.content[0])
    found += [f for f in cue_objects(content, context, **details) if not any(f.evidence.overlaps(t) for t in taken)]
    found += negated_actions(content, **details)
    return found


def _before(doc: Doc, span: Span | None) -> list[Token]:
    """The tokens of the sentence before ``span`` (none without a span)."""
    sentence = doc.sentence_at(span.start) if span else None
    return tokenize(doc.text, [Span(sentence.start, span.start)]) if sentence and span else []


def is_question(text: str, statement: Statement) -> bool:
    """Is the content a question put to the speaker ("Asked whether ...")?"""
    cue = tokenize(text, [statement.cue]) if statement.cue is not None else []
    return any(t.stem in stems("stance/topic_cues") for t in cue)

"""The stance stage: whom and what each actor endorses or blames, with the evidence.

It reads the attributed statements and the actors and finds, for each statement, the targets it is
about with a polarity (the ``rules``; for actors named in the statement's sentence, the
directed-sentiment model in ``model``), adds reported attitudes outside statements, resolves anaphoric
targets, and turns the findings into ``Stance``s per statement and aggregated per actor.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import Any, Callable, Iterable, Sequence

from .. import lexicons
from ..doc import Doc
from ..marks import DOUBLE_QUOTES, SINGLE_QUOTES
from ..model import Actor, Span, Stance, Statement
from ..stages import Stage, declare
from .model import classify
from .rules import DETERMINERS, Finding, cue_objects, is_question, statement_findings, unasserted
from .targets import pronouns
from .tokens import Token, cue_at, stems, token_span, tokenize

_MODEL_THRESHOLD = 0.95  # the model's probability for a direction and polarity to count as a stance
_ANAPHOR_SENTENCES = 3  # how far back an anaphor looks for its target
_ANAPHOR_DISCOUNT = 0.9  # an anaphoric target is trusted a little less than a named one


class _ByStart:
    """Spans sorted by start, each with what it carries: the ones starting in a range, by bisection
    (a long article has thousands of statements and mentions: no quadratic scans)."""

    def __init__(self, items: Iterable[tuple[Span, Any]]):
        self.items = sorted(items, key=lambda item: item[0].start)
        self.starts = [span.start for span, _ in self.items]

    def starting_in(self, start: int, end: int) -> list[tuple[Span, Any]]:
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


Classifier = Callable[[str, tuple[int, int], tuple[int, int]], dict[str, float]]


def actor_findings(doc: Doc, index: int, holder: str, mentions: _ByStart, issues: list[Span],
                   classify: Classifier = classify) -> list[Finding]:
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
        sentence = doc.sentence_at(mention.start)
        source = statement.source
        named = doc.text[mention.start : mention.end].lower() not in pronouns()  # "he", "his": too vague
        if named and sentence and source and sentence.contains(source) and not source.overlaps(mention):
            polarity, score = _model_polarity(doc.text, sentence, source, mention, classify)
        found.append(Finding(holder, mention, polarity, score, mention, index, target_actor=actor, from_model=bool(polarity)))
    return found


def _model_polarity(text: str, sentence: Span, holder: Span, target: Span, classify: Classifier) -> tuple[int, float]:
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
    ending = _MentionEnds(mentions)
    for sentence in doc.sentences:
        tokens = tokenize(doc.text, [sentence.span])
        covered = 0  # offset up to which an earlier cue's target reaches
        for index in range(len(tokens)):
            token = token_span(tokens, index, index + 1)
            if token.start < covered or cue_at(tokens, index) is None or said.covers(token):
                continue
            holders = _holders_before(tokens, index, ending)
            if unasserted(tokens[:index]) or tokens[-1].word == "?":
                continue  # "peacekeepers have been blamed for ...", "has he called for ...?"
            for finding in cue_objects(tokens[index:], tokens[:index], holder=None)[:1]:
                found += [replace(finding, holder=h) for h in holders]
                covered = finding.evidence.end
    return found


class _MentionEnds:
    """The mentions by where they end, each with its actor and its rank in the order given: which
    mention ends at a token is a lookup, not a scan of every mention of the article."""

    def __init__(self, mentions: dict[Span, str | None]):
        self.by_end: dict[int, list[tuple[int, Span, str | None]]] = {}
        for rank, (span, actor) in enumerate(mentions.items()):
            self.by_end.setdefault(span.end, []).append((rank, span, actor))

    def actor(self, ends: Iterable[int], latest_start: int) -> str | None:
        """The actor of the first mention (in the order given) ending at one of ``ends`` and starting
        no later than ``latest_start``."""
        found = [entry for end in ends for entry in self.by_end.get(end, ()) if entry[1].start <= latest_start]
        return min(found, key=lambda entry: entry[0])[2] if found else None


def _mention_ending_at(tokens: Sequence[Token], index: int, mentions: _MentionEnds) -> str | None:
    """The actor whose mention ends with ``tokens[index]`` (or with a possessive "'s" there)."""
    ends = {tokens[index].end}
    if tokens[index].word in ("'s", "s'") or tokens[index].word.endswith("'s"):
        ends.add(tokens[index].end - 2)
    return mentions.actor(ends, tokens[index].start + 1)


def _holders_before(tokens: Sequence[Token], index: int, mentions: _MentionEnds) -> list[str]:
    holders = []
    for back in range(index - 1, max(-1, index - 4), -1):
        actor = _mention_ending_at(tokens, back, mentions)
        if actor:
            holders.append(actor)
            echo = back - 1
            while echo >= 0 and tokens[echo].word in ("'s", "'"):
                echo -= 1
            start = next((i for i in range(echo, -1, -1) if _mention_ending_at(tokens, i, mentions)), None)
            if start is not None and any(t.stem in stems("stance/echo_cues") for t in tokens[start:back]):
                holders.append(_mention_ending_at(tokens, start, mentions))
            break
        if tokens[back].word not in lexicons.words("attribution/cue_adverbs"):
            break  # the holder is the subject right before the verb ("X has also resisted ...")
    return holders


def resolve_anaphors(doc: Doc, findings: list[Finding]) -> list[Finding]:
    """An anaphoric target takes the latest earlier non-anaphoric target: the same holder's within
    the paragraph first, else anyone's within the last few sentences; unresolved ones are dropped."""
    targets = sorted((f for f in findings if not f.anaphor and f.target_actor is None), key=lambda f: f.target.end)
    ends = [f.target.end for f in targets]
    resolved = []
    for finding in findings:
        if not finding.anaphor:
            resolved.append(finding)
            continue
        earlier = bisect_right(ends, finding.target.start)
        paragraph = doc.paragraph_index_at(finding.target.start)
        own = None
        for candidate in (targets[i] for i in range(earlier - 1, -1, -1)):  # no slice: a copy per anaphor
            if doc.paragraph_index_at(candidate.target.start) != paragraph:
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
    starts = doc.sentence_starts
    return max(0, bisect_right(starts, b.start) - bisect_left(starts, a.end))


def target_label(text: str, span: Span) -> str:
    """How a target is shown: its words, without a leading determiner ("a no-fly zone" -> "no-fly zone")."""
    words = span.text(text).split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words).strip(DOUBLE_QUOTES + SINGLE_QUOTES)


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
    return tuple(sorted(stances, key=lambda s: s.target_span.start if s.target_span is not None else 0))


def stage_with(classify: Classifier) -> Stage:
    """The stance stage, with ``classify`` scoring (holder, target) pairs: the linear model by default,
    the encoder's stance head in the accurate model."""

    @declare(
        "stance",
        requires=("paragraphs", "sentences", "statement.actor", "actor.mentions"),
        assigns=("statement.stances", "actor.stances"),
    )
    def stage(doc: Doc) -> Doc:
        return _stances(doc, classify)

    return stage


def _stances(doc: Doc, classify: Classifier) -> Doc:
    actors = {a.id: a for a in doc.actors}
    # a descriptive actor linked to a named one ("the EU's top diplomat") holds stances as that one
    mentions = {m: doc.speaker_of(a.id) for a in doc.actors for m in a.mentions}
    mentions_by_start = _ByStart(mentions.items())
    contents = _ByStart((piece, s) for s in doc.statements for piece in s.content)
    findings: list[Finding] = []
    for index, statement in enumerate(doc.statements):
        holder = doc.speaker_of(statement.actor)
        question = is_question(doc.text, statement)
        if holder is None and not question:
            continue  # an unnamed asker's question still gives the answer its topic
        found = [
            _as_actor(f, mentions) for f in statement_findings(doc, index, holder, question)
            if not _own_subject(doc.text, statement, f, holder, mentions_by_start)
        ]
        issues = [f.target for f in found]
        if not question:
            found += actor_findings(doc, index, holder, mentions_by_start, issues, classify)
        nested = _nested_contents(statement, contents)
        findings += [f for f in found if not any(n.contains(f.target) for n in nested)]
    said = _Covered(span for s in doc.statements for span in (*s.content, *(x for x in (s.cue,) if x is not None)))
    findings += [_as_actor(f, mentions) for f in attitude_findings(doc, mentions, said)]
    findings = resolve_anaphors(doc, findings)
    by_statement: dict[int, list[Finding]] = {}
    by_holder: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.holder == finding.target_actor:
            continue
        if finding.statement is not None:
            by_statement.setdefault(finding.statement, []).append(finding)
        if finding.polarity and finding.holder and actors[finding.holder].kind != "other" and not finding.from_model:
            # an "other" actor is no one who can hold a view ("Keeps" in "Keeps saying she ..."); the
            # model's verdicts stay on their statements: on the dev articles most were wrong
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


def _own_subject(text: str, statement: Statement, finding: Finding, holder: str | None, mentions: _ByStart) -> bool:
    """Whether the words that show the stance have a subject of their own inside what the holder
    said: in "Merrill says Machado promised to continue supporting Clinton" the support is Machado's.
    The clause runs back from the evidence to the nearest punctuation or "that", inside the content."""
    start = finding.evidence.start
    piece = next((p for p in statement.content if p.start <= start < p.end), None)
    if piece is None:
        return False  # evidence in the cue ("condemned X"): the holder's own verb
    clause = max(piece.start - 1, *(text.rfind(mark, 0, start) for mark in (",", ";", ":", ".", "“", '"', " that ")))
    return any(
        actor is not None and actor != holder and text[span.start : span.end].lower() not in pronouns()
        for span, actor in mentions.starting_in(clause + 1, start)
    )


stage = stage_with(classify)

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

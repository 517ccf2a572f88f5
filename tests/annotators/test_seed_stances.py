"""The seed article's stances come out as a careful reader sees them (issue 5), on the real pipeline."""

from __future__ import annotations

import pytest

from annotators import annotate
from annotators.model import Actor, Annotation


@pytest.fixture(scope="module", params=["fast", "accurate"])
def annotation(request, seed_text: str) -> Annotation:
    """The seed as each model reads it (the accurate one where its weights are installed): the stances a
    careful reader sees hold for both."""
    if request.param == "accurate":
        from annotators.encoder import runtime

        if not (runtime.models_dir() / runtime.MODEL_FILE).is_file():
            pytest.skip("the accurate model's weights are not installed")
    return annotate(seed_text, model=request.param)


def actor(annotation: Annotation, name: str) -> Actor:
    matches = [a for a in annotation.actors if name.lower() in a.name.lower()]
    assert matches, f"no actor named like {name!r}"
    return matches[0]


def polarity(annotation: Annotation, name: str, target_words: str) -> str | None:
    """The polarity of the actor's stance whose target contains ``target_words``, or None."""
    found = [s.polarity for s in actor(annotation, name).stances if target_words in s.target.lower()]
    return found[0] if found else None


@pytest.mark.parametrize(
    ("name", "target", "expected"),
    [
        ("Zelenskyy", "no-fly zone", "favor"),
        ("foreign ministers", "no-fly zone", "against"),
        ("Some countries", "no-fly zone", "against"),
        ("Joly", "wider conflict", "against"),
        ("presidential office", "no-fly zone", "mixed"),
        ("Simonyte", "nato involved", "against"),
        ("Blinken", "russian attacks on civilians", "against"),
        ("Stoltenberg", "war", "against"),
        ("Stoltenberg", "russia to withdraw", "favor"),
    ],
)
def test_seed_stances(annotation, name, target, expected):
    assert polarity(annotation, name, target) == expected


def test_every_stance_points_at_evidence_inside_the_text(annotation, seed_text):
    stances = [s for a in annotation.actors for s in a.stances] + [s for t in annotation.statements for s in t.stances]
    assert stances
    for stance in stances:
        assert stance.evidence and all(0 <= e.start < e.end <= len(seed_text) for e in stance.evidence)


def test_the_strongest_evidence_shows_the_stance(annotation, seed_text):
    zelenskyy = actor(annotation, "Zelenskyy").stances
    no_fly = next(s for s in zelenskyy if "no-fly zone" in s.target)
    assert no_fly.evidence[0].text(seed_text) == "called for a no-fly zone"


def test_a_non_committal_answer_takes_no_side(annotation):
    # Borrell, asked about more sanctions: "We will consider everything. Everything remains on the table."
    assert polarity(annotation, "Borrell", "sanctions") is None

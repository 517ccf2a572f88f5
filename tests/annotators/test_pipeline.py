"""The pipeline's stages are declared: what each requires and assigns, checked in order."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotators import pipeline
from annotators.doc import Doc
from annotators.stages import StageOrderError, check_order, declare


def test_every_default_stage_finds_what_it_requires_before_it():
    check_order(pipeline.STAGES)  # also run on import; here so that a failure names the test
    names = [stage.name for stage in pipeline.STAGES]
    assert len(set(names)) == len(names)


def test_an_order_that_breaks_a_requirement_fails():
    stages = list(pipeline.STAGES)
    actors = next(s for s in stages if s.name == "actors")
    stages.remove(actors)
    stages.append(actors)  # after continuation, which needs each statement's actor
    with pytest.raises(StageOrderError, match="'continuation' requires statement.actor"):
        check_order(stages)


def test_a_declared_stage_runs_as_its_function():
    @declare("shout", requires=("paragraphs",), assigns=("text",))
    def shout(doc: Doc) -> Doc:
        return Doc(doc.text.upper())

    assert shout(Doc("hi")).text == "HI" and shout.requires == ("paragraphs",) and shout.name == "shout"


def test_run_until_stops_after_the_named_stage():
    text = "Minister says\n\nThe minister said on Friday that talks would go on. “We will see,” he added.\n"
    doc = pipeline.run(text, until="paragraphs")
    assert doc.paragraphs and not doc.sentences
    doc = pipeline.run(text, until="attribution")
    assert doc.sentences and doc.statements and not doc.actors
    annotated = pipeline.annotate(text)
    assert annotated.meta.model == pipeline.model_name("fast")
    assert pipeline.run(text).annotation() == replace(annotated, meta=replace(annotated.meta, model=None))


def test_run_until_an_unknown_stage_names_the_stages():
    with pytest.raises(ValueError, match="no stage 'segment'.*metadata, paragraphs, sentences"):
        pipeline.run("Text.", until="segment")

"""The annotation pipeline: small declared stages run in order over a ``Doc``, like spaCy components.

Each stage (``stages.Stage``) is a function ``Doc -> Doc`` that adds what it finds, with what it
``requires`` and what it ``assigns``; each is importable and testable on its own. The order below is
checked when this module is imported. ``run(text, until=NAME)`` runs the stages up to and including
NAME; ``annotate`` runs them all and returns the public ``Annotation``. docs/architecture.md lists the
stages with what each requires and assigns.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

from . import actors, continuation, first_person, metadata, quotes, segment, unnamed_holders
from .attribution import crf
from .attribution import stage as attribution
from .doc import Doc
from .model import Annotation, Meta
from .stance import stage as stance
from .stages import Stage, check_order

STAGES: tuple[Stage, ...] = (
    metadata.stage,
    segment.paragraph_stage,
    segment.sentence_stage,
    quotes.stage,
    attribution.stage,
    crf.stage,  # "learned": the CRF proposes spans the rules missed
    unnamed_holders.stage,
    actors.stage,
    continuation.stage,
    first_person.stage,
    stance.stage,
)
check_order(STAGES)


def default_stages() -> tuple[Stage, ...]:
    return STAGES


def stages_until(name: str) -> tuple[Stage, ...]:
    """The default stages up to and including the one called ``name``."""
    names = [stage.name for stage in STAGES]
    if name not in names:
        raise ValueError(f"no stage {name!r} (stages: {', '.join(names)})")
    return STAGES[: names.index(name) + 1]


def run(
    text: str,
    stages: Sequence[Callable[[Doc], Doc]] | None = None,
    meta: Meta | None = None,
    *,
    until: str | None = None,
) -> Doc:
    """Run ``stages`` (by default every stage, or those up to ``until``) over ``text``; ``meta`` is what
    the caller already knows about the article (see ``annotate``)."""
    if stages is None:
        stages = STAGES if until is None else stages_until(until)
    doc = Doc(text, meta=meta or Meta())
    for stage in stages:
        doc = stage(doc)
    return doc


MODELS = ("fast", "accurate")


def stages_for(model: str) -> tuple[Stage, ...]:
    """The stages of the fast model (rules + CRF) or the accurate one (rules + the fine-tuned encoder:
    ``encoder.accurate``). The accurate model raises ``encoder.runtime.EncoderUnavailable`` (one line,
    naming ``--model fast``) when its weights or run-time packages are missing."""
    if model == "fast":
        return STAGES
    if model == "accurate":
        from .encoder import accurate

        return accurate.stages(STAGES)
    raise ValueError(f"no model {model!r} (models: {', '.join(MODELS)})")


def model_name(model: str) -> str:
    """What ``meta.model`` says: the model and the version of what it runs."""
    if model == "accurate":
        from .encoder.runtime import VERSION

        return f"accurate/{VERSION}"
    from . import __version__

    return f"{model}/{__version__}"


def annotate(
    text: str,
    stages: Sequence[Callable[[Doc], Doc]] | None = None,
    *,
    meta: Meta | None = None,
    model: str = "fast",
) -> Annotation:
    """Annotate ``text``: who said what, with spans as ``str`` offsets into ``text``.

    ``meta`` is what the caller knows from the article's source (a page's title, author, date,
    outlet, URL): it is kept, and wins over what the first lines of the text suggest. ``model`` is
    ``fast`` or ``accurate`` (``MODELS``); ``meta.model`` names it in the result. Given ``stages``,
    those run instead and ``meta.model`` stays empty.
    """
    annotation = run(text, stages if stages is not None else stages_for(model), meta).annotation()
    if stages is not None:
        return annotation
    return replace(annotation, meta=replace(annotation.meta, model=model_name(model)))

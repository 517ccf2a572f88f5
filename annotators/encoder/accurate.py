"""The accurate model's pipeline: the fast model's stages with the encoder in two places.

- ``learned``: the encoder proposes spans where the CRF did, combined with the rule statements as
  ``COMBINATION`` says (chosen on held-out PolNeAR train articles: see ``annotators/models/ENCODER.md``).
  The rules keep quote pairing, speaker linking, coreference, actors and unnamed holders.
- ``stance``: the same stage, with the encoder's stance head scoring the (holder, target) pairs in
  place of the linear model.
"""

from __future__ import annotations

from typing import Sequence

from ..stages import Stage
from . import runtime, tagging

COMBINATION = "rules+mixed"  # best content overlap on held-out train (ENCODER.md), tied with fast elsewhere


def stages(fast: Sequence[Stage]) -> tuple[Stage, ...]:
    """``fast`` with the encoder's stages swapped in; loads the encoder first, so a missing or broken
    one fails here, in one line (``runtime.EncoderUnavailable``), not halfway through an article."""
    runtime.check()
    from ..stance.stage import stage_with

    swapped = {"learned": tagging.stage_for(COMBINATION), "stance": stage_with(runtime.classify)}
    return tuple(swapped.get(stage.name, stage) for stage in fast)

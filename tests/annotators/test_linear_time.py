"""The actors and stance stages take time in proportion to the article, not to its square (issue 13).

Both scanned every mention (stance: which mention ends here; actors: a person's last mention before
here, every person for a surname) once per word or mention, so a 1M-word article took 700 s. The
article here names a new person in every paragraph, the worst case for those scans: five times the
paragraphs must take about five times the CPU time (a scan per mention made it 8 to 10 times).
"""

from __future__ import annotations

import gc
import itertools
import time

import pytest

from annotators.pipeline import default_stages, run

SYLLABLES = ["ka", "lo", "mi", "ren", "sa", "tor", "vel", "dan", "bri", "dor", "fin", "gal"]
SMALL, LARGE = 500, 2500  # people, one paragraph each
LINEAR_BOUND = 6.5  # LARGE / SMALL is 5: linear time gives 4 to 5 here, a scan per mention 8 to 10


def article(people: int) -> str:
    names = (((a + b).capitalize(), (b + c + a).capitalize()) for a, b, c in itertools.product(SYLLABLES, repeat=3))
    return "\n\n".join(
        f"{first} {last} met the officials on Monday. {last} also firmly resisted calls for new sanctions. "
        f"{last} then again resisted calls for a ceasefire. {last} condemned the strikes."
        for first, last in itertools.islice(names, people)
    )


def cpu_seconds(stage, doc) -> float:
    """The least CPU time of three runs of ``stage`` on ``doc``, without the garbage collector's pauses
    (they grow with everything else the test process holds)."""
    times = []
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            stage(doc)
            times.append(time.process_time() - started)
        finally:
            gc.enable()
    return min(times)


@pytest.mark.parametrize("name", ["actors", "stance"])
def test_the_stage_takes_time_in_proportion_to_the_article(name):
    stages = default_stages()
    stage = next(s for s in stages if s.name == name)
    before = stages[stages.index(stage) - 1].name
    small, large = (cpu_seconds(stage, run(article(people), until=before)) for people in (SMALL, LARGE))
    assert large / small < LINEAR_BOUND, f"{name}: {small:.3f} s, then {large:.3f} s for 5x the text"

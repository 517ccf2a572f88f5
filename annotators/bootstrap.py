"""Percentile bootstrap: how far an evaluation figure could move on another sample of the same size."""

from __future__ import annotations

import random
from typing import Callable

SAMPLES = 1000


def intervals(
    draw: Callable[[random.Random], dict[str, float]], samples: int = SAMPLES, seed: int = 0
) -> dict[str, tuple[float, float]]:
    """95 % intervals (rounded to 4 places) of the figures ``draw`` computes on each resample it makes
    with the generator it is given; a fixed seed makes them repeatable."""
    rng = random.Random(seed)
    draws: dict[str, list[float]] = {}
    for _ in range(samples):
        for name, value in draw(rng).items():
            draws.setdefault(name, []).append(value)
    low, high = int(0.025 * samples), int(0.975 * samples) - 1
    return {name: (round(v[low], 4), round(v[high], 4)) for name, v in ((n, sorted(v)) for n, v in draws.items())}

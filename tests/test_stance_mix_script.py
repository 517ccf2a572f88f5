"""scripts/stance_mix.py: the mix of two stance classifiers, and the script end to end on a tiny corpus."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotators.stance.model import LABELS
from tests.conftest import REPO


def _script():
    spec = importlib.util.spec_from_file_location("stance_mix", REPO / "scripts" / "stance_mix.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


stance_mix = _script()

# Label probabilities, some of them 0 (a softmax that underflowed) or 1.
PROBABILITIES = st.lists(st.one_of(st.just(0.0), st.floats(0.0, 1.0)), min_size=len(LABELS), max_size=len(LABELS)).filter(
    lambda values: sum(values) > 0
).map(lambda values: {label: v / sum(values) for label, v in zip(LABELS, values)})


@given(PROBABILITIES, PROBABILITIES, st.floats(0.0, 1.0), st.floats(-3.0, 3.0), st.sampled_from(stance_mix.HOWS))
def test_a_mix_is_a_distribution_over_the_labels(first, second, weight, offset, how):
    mixed = stance_mix.mix(first, second, stance_mix.Mix(weight, offset, how))
    assert set(mixed) == set(LABELS)
    assert all(p >= 0 for p in mixed.values())
    assert sum(mixed.values()) == pytest.approx(1.0)


@pytest.mark.parametrize("how", ["linear", "log-linear"])
def test_weight_one_and_zero_give_either_classifier_alone(how):
    first = dict(zip(LABELS, (0.7, 0.1, 0.05, 0.1, 0.05)))
    second = dict(zip(LABELS, (0.2, 0.2, 0.2, 0.3, 0.1)))
    assert stance_mix.mix(first, second, stance_mix.Mix(1.0, how=how)) == pytest.approx(first)
    assert stance_mix.mix(first, second, stance_mix.Mix(0.0, how=how)) == pytest.approx(second)


def test_a_negative_neutral_offset_makes_neutral_less_likely():
    first = dict(zip(LABELS, (0.6, 0.1, 0.1, 0.1, 0.1)))
    mixed = stance_mix.mix(first, first, stance_mix.Mix(0.5, neutral_offset=-1.0))
    assert mixed["neutral"] < 0.6 and mixed["first-second"] / mixed["first+second"] == pytest.approx(1.0)


def test_the_script_runs_on_any_two_classifiers(tmp_path):
    rows = [
        "[Smith] harshly condemned [Jones] for the scandal.\tSmith\tJones\t3",
        "[Smith] met [Jones] on Tuesday in the capital.\tSmith\tJones\t0",
        "[Lee] praised [Park] warmly.\tLee\tPark\t1",
        "[Kim] was attacked by [Cho] in a speech.\tKim\tCho\t4",
    ]
    (tmp_path / "valid.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "valid-novel.tsv").write_text("\n".join(rows[1:]) + "\n", encoding="utf-8")
    fast = "annotators.stance.model:classify"
    out = subprocess.run(
        [sys.executable, "scripts/stance_mix.py", str(tmp_path), "--first", fast, "--second", fast,
         "--weights", "0,1", "--offsets=-1,0", "--folds", "2", "--repeats", "2"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout
    assert "valid 4 rows: valid-novel 3, copies of train 1" in out
    assert "chosen on all valid-novel rows:" in out and "cross-fitted" in out

"""The directed-sentiment model: corpus format, entity-relative features, inference and scoring."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from annotators.stance import model as stance_model
from annotators.evaluate import evaluate_stance, macro_f1, macro_f1_interval, per_label_scores
from annotators.stance.model import LABELS, LinearModel, features, mask, parse_bracketed
from tests.conftest import REPO, SHARED, needs_shared

CORPUS = SHARED / "corpora" / "directed-sentiment"


def test_brackets_off_by_a_letter_take_the_rest_of_the_word():
    text, first, second = parse_bracketed("[Brussel]s told [Athen]s to pay.")
    assert text == "Brussels told Athens to pay."
    assert text[slice(*first)] == "Brussels" and text[slice(*second)] == "Athens"


def test_rows_without_two_entities_are_skipped():
    assert parse_bracketed("Only [one] entity here.") is None
    rows = list(stance_model.read_tsv(["Only [one] here.\tone\tx\t0\n", "[A] met [B].\tA\tB\t0\n", "bad row\n"]))
    assert len(rows) == 1


def test_entities_are_masked_and_words_placed_by_region():
    text = "Yesterday Smith sharply criticized Jones, reporters said."
    masked = mask(text, (10, 15), (35, 40))
    assert masked.words[masked.p] == "P" and masked.words[masked.q] == "Q"
    found = features(masked)
    assert "M:critic" in found and "B:yesterday" in found and "A:report" in found
    assert "cue:M:-" in found and "cue:Q~:-" in found  # "criticized" is a stance cue right before Q
    assert found["vader:M:neg"] > 0


def test_negation_flips_sentiment():
    positive = features(mask("Smith praised Jones.", (0, 5), (14, 19)))
    negated = features(mask("Smith never praised Jones.", (0, 5), (20, 25)))
    assert "vader:M:pos" in positive and "vader:M:neg" in negated
    assert "cue:M:+" in positive and "cue:M:-" in negated


def test_said_after_the_second_entity_makes_it_the_likely_holder():
    found = features(mask("Smith is a disgrace, Jones said.", (0, 5), (21, 26)))
    assert found.get("dir:Q:vader-")


def test_linear_model_scores_and_round_trips(tmp_path):
    model = LinearModel(LABELS, (1.0, 0, 0, 0, 0), {"cue:M:-": (0, 0, 0, 3.0, 0)})
    assert model.predict({}) == "neutral"
    assert model.predict({"cue:M:-": 1.0}) == "first-second"
    assert abs(sum(model.probabilities({"cue:M:-": 1.0}).values()) - 1) < 1e-9
    path = tmp_path / "m.json.gz"
    model.save(path)
    import gzip

    assert LinearModel.from_json(json.loads(gzip.decompress(path.read_bytes()))) == model


def test_the_shipped_model_is_small_and_holds_only_feature_weights():
    model = stance_model.shipped_model()
    assert model.labels == LABELS
    assert 1000 < len(model.weights) < 60000
    assert all(len(row) == len(LABELS) for row in model.weights.values())
    size = (REPO / "annotators" / "models" / stance_model.MODEL_FILE).stat().st_size
    assert size < 1_000_000


def test_the_shipped_model_reads_blame_in_both_directions():
    assert stance_model.shipped_model().predict(features(mask(
        "Smith harshly condemned Jones for the scandal.", (0, 5), (24, 29)))) == "first-second"
    probabilities = stance_model.classify("Jones is a liar and a fraud, Smith said angrily.", (0, 5), (29, 34))
    assert probabilities["second-first"] > probabilities["first-second"]


@pytest.mark.parametrize(
    ("sentence", "first", "second", "label"),
    [
        ("Smith praised Jones for her courage.", "Smith", "Jones", "first+second"),
        ("Smith thanked Jones for his support.", "Smith", "Jones", "first+second"),
        ("Smith accused Jones of lying to voters.", "Smith", "Jones", "first-second"),
        ("Smith attacked Jones over the budget.", "Smith", "Jones", "first-second"),
        ("Jones was sharply criticized by Smith.", "Jones", "Smith", "second-first"),
        ("Jones is a liar and a fraud, Smith said.", "Jones", "Smith", "second-first"),
        ("Smith met Jones in the capital on Tuesday.", "Smith", "Jones", "neutral"),
        ("Smith and Jones will travel to Paris next week.", "Smith", "Jones", "neutral"),
    ],
)
def test_the_shipped_model_labels_plain_sentences(sentence, first, second, label):
    # Regression cases for retraining: a new model should still read these as a careful reader does.
    start = sentence.index(first)
    other = sentence.index(second, start + len(first))
    probabilities = stance_model.classify(sentence, (start, start + len(first)), (other, other + len(second)))
    assert max(probabilities, key=probabilities.__getitem__) == label


def test_per_label_and_macro_scores():
    gold = [0, 0, 1, 3, 3]
    predicted = [0, 1, 1, 3, 0]
    scores = per_label_scores(gold, predicted, range(5))
    assert scores[0] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert scores[1]["precision"] == 0.5 and scores[1]["recall"] == 1.0
    assert scores[2]["f1"] == 0.0
    assert macro_f1(gold, predicted, range(5)) == pytest.approx((0.5 + 2 / 3 + 0 + 2 / 3 + 0) / 5)


def test_the_bootstrap_interval_brackets_the_figure_and_narrows_with_more_rows():
    gold = [0, 0, 1, 3, 3, 2, 4, 0] * 5
    predicted = [0, 1, 1, 3, 0, 2, 0, 0] * 5
    figure = macro_f1(gold, predicted, range(5))
    low, high = macro_f1_interval(gold, predicted, range(5))
    assert low < figure < high
    wide_low, wide_high = macro_f1_interval(gold[:8], predicted[:8], range(5))
    assert wide_high - wide_low > high - low
    assert macro_f1_interval(gold, gold, range(5)) == (1.0, 1.0)


def _tsv(tmp_path):
    path = tmp_path / "tiny.tsv"
    path.write_text(
        "[Smith] harshly condemned [Jones] for the scandal.\tSmith\tJones\t3\n"
        "[Smith] met [Jones] on Tuesday in the capital.\tSmith\tJones\t0\n",
        encoding="utf-8",
    )
    return path


def test_evaluate_reports_accuracy_macro_f1_and_per_label(tmp_path):
    result = evaluate_stance(_tsv(tmp_path))
    assert result["rows"] == 2
    assert set(result["per_label"]) == {"0", "1", "2", "3", "4"}
    assert 0 <= result["macro_f1"] <= result["accuracy"] <= 1
    low, high = result["macro_f1_95ci"]
    assert low <= result["macro_f1"] <= high


def test_eval_stance_command_prints_json(tmp_path):
    out = subprocess.run([sys.executable, "-m", "tui", "eval-stance", str(_tsv(tmp_path)), "--json", "--model", "fast"],
                         cwd=REPO, capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert set(data) >= {"accuracy", "macro_f1", "per_label"}
    assert data["per_label"]["3"]["support"] == 1


def test_eval_stance_command_table_and_missing_file(tmp_path):
    out = subprocess.run([sys.executable, "-m", "tui", "eval-stance", str(_tsv(tmp_path))],
                         cwd=REPO, capture_output=True, text=True, check=True)
    assert "macro-F1" in out.stdout and "3 first-second" in out.stdout
    missing = subprocess.run([sys.executable, "-m", "tui", "eval-stance", str(tmp_path / "none.tsv")],
                             cwd=REPO, capture_output=True, text=True)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1


@needs_shared(CORPUS / "valid-novel.tsv")
def test_macro_f1_on_valid_novel_beats_the_bag_of_words_baseline():
    # A bag-of-words logistic regression scores about 0.37 here (it memorises train).
    assert evaluate_stance(CORPUS / "valid-novel.tsv")["macro_f1"] > 0.37


@needs_shared(CORPUS / "valid.tsv")
def test_macro_f1_on_valid_holds():
    # 0.595 when last trained; a retrained model that memorises less may lose a little here, not much.
    assert evaluate_stance(CORPUS / "valid.tsv")["macro_f1"] > 0.55

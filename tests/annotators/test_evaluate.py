from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotators.brat import parse_ann, read_split
from annotators.evaluate import Counts, Report, agreement, evaluate, greedy_match, score_article, token_set
from annotators.model import Annotation, Span, Statement
from tests.conftest import POLNEAR, SHARED, needs_shared

REFERENCE_SCORER = SHARED / "tools" / "polnear_score.py"

TEXT_A = 'Ann Lee said the plan "will fail badly" today. Critics disagree, Bob Ray added.\n'
# T1..T4: one attribution with source, cue, content; T5..T7: one without a source; the surface of
# T8 runs over two lines (brat keeps newlines in surfaces), its second line must be skipped.
ANN_A = (
    "T1\tSource 0 7\tAnn Lee\n"
    "T2\tCue 8 12\tsaid\n"
    "T3\tContent 13 45\tthe plan \"will fail badly\" today\n"
    "T4\tAttribution 8 12\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 47 63\tCritics disagree\n"
    "T6\tCue 73 78\tadded\n"
    "T7\tAttribution-no-source 73 78\tadded\n"
    "E2\tAttribution-no-source:T7 Content:T5 Cue:T6\n"
    "T8\tDiscuss 0 20;30 40\tAnn Lee\nsaid\n"
)


def statement(content: list[tuple[int, int]], source=None, cue=None) -> Statement:
    return Statement(
        id="s",
        kind="indirect",
        content=tuple(Span(*c) for c in content),
        source=Span(*source) if source else None,
        cue=Span(*cue) if cue else None,
    )


def write_split(root: Path, articles: dict[str, tuple[str, dict[str, str]]]) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, (text, anns) in articles.items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        for annotator, ann in anns.items():
            (root / "attributions" / f"{name}_{annotator}.ann").write_text(ann, encoding="utf-8")
    return root


def test_parse_ann_reads_events_with_and_without_source_and_skips_continuation_lines():
    first, second = parse_ann(ANN_A)
    assert first.content == (Span(13, 45),) and first.source == (Span(0, 7),) and first.cue == (Span(8, 12),)
    assert second.content == (Span(47, 63),) and second.source == () and second.cue == (Span(73, 78),)


def test_parse_ann_reads_discontinuous_spans():
    ann = "T1\tContent 0 4;10 14\tab cd\nT2\tCue 5 9\tsaid\nE1\tAttribution-no-source:T2 Content:T1 Cue:T2\n"
    (only,) = parse_ann(ann)
    assert only.content == (Span(0, 4), Span(10, 14))


def test_read_split_takes_the_first_annotator_by_file_name(tmp_path):
    empty = "T1\tDiscard 0 3\tAnn\n"
    split = write_split(tmp_path, {"a": (TEXT_A, {"zed": empty, "amy": ANN_A})})
    (article,) = read_split(split)
    assert article.name == "a" and len(article.attributions) == 2


def test_token_set_counts_word_runs_only():
    assert token_set("“Yes,” he said.", [Span(0, 6)]) == {1}


def test_greedy_match_is_one_to_one_and_prefers_the_better_pair():
    gold = [frozenset({1, 2, 3, 4})]
    predicted = [frozenset({1, 2, 3}), frozenset({1, 2, 3, 4})]
    assert greedy_match(gold, predicted, 0.5) == [(0, 1)]
    assert greedy_match(gold, [frozenset({1, 9, 8})], 0.5) == []


def test_score_article_counts_each_metric():
    (gold_a, gold_b) = parse_ann(ANN_A)
    predicted = [
        # exact content, right source, right cue: every metric
        statement([(13, 45)], source=(4, 7), cue=(8, 12)),
        # content overlapping gold (Jaccard 2/4) but not exact; a source where gold has none; no cue
        statement([(47, 63), (64, 72)], source=(64, 72)),
        # nothing in gold
        statement([(0, 7)]),
        # no word tokens: ignored altogether
        statement([(45, 47)]),
    ]
    counts = score_article(TEXT_A, [gold_a, gold_b], predicted)
    assert (counts.gold, counts.predicted) == (2, 3)
    assert (counts.overlap, counts.exact, counts.attribution, counts.cue) == (2, 1, 1, 1)
    assert (counts.gold_direct, counts.direct) == (1, 1)


def test_gold_without_source_needs_a_null_source():
    (_, gold_b) = parse_ann(ANN_A)
    assert score_article(TEXT_A, [gold_b], [statement([(47, 63)])]).attribution == 1
    assert score_article(TEXT_A, [gold_b], [statement([(47, 63)], source=(64, 72))]).attribution == 0


def test_evaluate_reports_reference_keys_and_speed(tmp_path):
    split = write_split(tmp_path, {"a": (TEXT_A, {"x": ANN_A})})

    def annotate(text: str) -> Annotation:
        return Annotation(statements=(statement([(13, 45)], source=(0, 3), cue=(8, 12)),))

    figures = evaluate(split, annotate).to_json()
    assert figures["content_overlap"] == (1.0, 0.5, 0.6667)
    assert figures["attribution"] == (1.0, 0.5, 0.6667)
    assert figures["cue_given_content"] == 1.0 and figures["direct_recall"] == 1.0
    assert figures["words_per_second"] > 0


def test_bootstrap_intervals_bracket_the_figures_and_collapse_when_articles_agree():
    good = Counts(gold=4, predicted=4, overlap=4, exact=2, attribution=3, gold_direct=2, direct=2)
    poor = Counts(gold=4, predicted=4, overlap=1, exact=0, attribution=1, gold_direct=2, direct=0)
    mixed = Report(per_article=[good, poor] * 10)
    low, high = mixed.intervals()["content_overlap_f1"]
    assert low < 5 / 8 < high  # pooled: 5 overlaps in 8 gold and 8 predicted
    assert Report(per_article=[good] * 5).intervals()["direct_recall"] == (1.0, 1.0)
    assert Report().intervals() == {}


def test_cli_eval_json_carries_the_intervals(tmp_path):
    split = write_split(tmp_path, {"a": (TEXT_A, {"x": ANN_A})})
    result = subprocess.run(
        [sys.executable, "-m", "tui", "eval", str(split), "--json", "--model", "fast"], capture_output=True, text=True,
        cwd=Path(__file__).parents[2], check=True,
    )
    intervals = json.loads(result.stdout)["bootstrap_95ci"]
    assert set(intervals) == {"content_overlap_f1", "content_exact_f1", "attribution_f1", "direct_recall"}
    assert all(0 <= low <= high <= 1 for low, high in intervals.values())


# The second annotator of TEXT_A found the first attribution with a two-piece source, and missed the other.
ANN_A_SECOND = (
    "T1\tSource 0 3;4 7\tAnn Lee\n"
    "T2\tCue 8 12\tsaid\n"
    "T3\tContent 13 39\tthe plan \"will fail badly\"\n"
    "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
)


def test_agreement_scores_the_second_annotator_against_the_first_on_doubly_annotated_articles(tmp_path):
    split = write_split(tmp_path, {"a": (TEXT_A, {"x": ANN_A, "y": ANN_A_SECOND}), "b": (TEXT_A, {"x": ANN_A})})
    report = agreement(split)
    assert report.articles == 1  # "b" had one annotator
    figures = report.to_json()
    assert (figures["gold"], figures["predicted"]) == (2, 1)
    assert figures["attribution"] == (1.0, 0.5, 0.6667)  # the two-piece source shares "Ann" and "Lee"
    assert figures["direct_recall"] == 1.0


def test_cli_eval_agreement_prints_people_figures_and_refuses_a_split_without_them(tmp_path):
    def run(split: Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "tui", "eval", str(split), "--agreement", "--json", "--model", "fast"], capture_output=True,
            text=True, cwd=Path(__file__).parents[2],
        )

    both = write_split(tmp_path / "both", {"a": (TEXT_A, {"x": ANN_A, "y": ANN_A_SECOND})})
    figures = json.loads(run(both).stdout)["second_annotator"]
    assert figures["articles"] == 1 and figures["content_overlap"] == [1.0, 0.5, 0.6667]
    assert "words_per_second" not in figures
    single = run(write_split(tmp_path / "single", {"a": (TEXT_A, {"x": ANN_A})}))
    assert single.returncode == 2 and "no article has two annotators" in single.stderr


def test_cli_eval_rejects_a_directory_that_is_not_a_split(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tui", "eval", str(tmp_path)], capture_output=True, text=True, cwd=Path(__file__).parents[2]
    )
    assert result.returncode == 2 and "not a brat split" in result.stderr and "Traceback" not in result.stderr


def sentences_as_statements(text: str) -> Annotation:
    """A crude annotator that makes every sentence a statement: lots of partial matches to score."""
    from annotators.pipeline import run

    doc = run(text, until="sentences")
    return Annotation(
        statements=tuple(
            statement([(s.span.start, s.span.end)], source=(s.tokens[0].start, s.tokens[0].end) if s.tokens else None)
            for s in doc.sentences
        )
    )


@needs_shared(REFERENCE_SCORER)
@needs_shared(POLNEAR / "dev")
@pytest.mark.parametrize("annotator", ["pipeline", "sentences"])
def test_our_figures_equal_the_reference_scorers_on_polnear_dev(tmp_path, annotator):
    from annotators.pipeline import annotate

    annotate_fn = annotate if annotator == "pipeline" else sentences_as_statements
    split = POLNEAR / "dev"
    for article in read_split(split):
        path = tmp_path / f"{article.name}.json"
        path.write_text(json.dumps(annotate_fn(article.text).to_json()), encoding="utf-8")
    reference = subprocess.run(
        [sys.executable, str(REFERENCE_SCORER), str(split), str(tmp_path), "--json"],
        capture_output=True, text=True, check=True,
    )
    ours = json.loads(json.dumps(evaluate(split, annotate_fn).to_json()))
    del ours["words_per_second"]
    assert ours == json.loads(reference.stdout)

"""Train the learned stage's CRF on a brat attribution corpus (PolNeAR train).

    python -m annotators.train CORPUS_SPLIT_DIR [--out PATH] [--holdout K]

Every paragraph becomes a token sequence labelled B-/I- SRC/CUE/CONTENT or O from the gold
attributions; features come from ``annotators.attribution.crf.features`` over the output of the stages that
run before the learned one, so the model learns how far to trust the rules. L1 regularisation keeps the
model small (only individual word features, no article text). With ``--holdout K`` every K-th article
is left out of training and the rules, the tagger and their combination are scored on it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Sequence

from .attribution import crf, tagger
from .brat import GoldArticle, read_split
from .doc import Doc
from .evaluate import evaluate_articles
from .pipeline import Stage, default_stages, run

DEFAULT_OUT = Path(__file__).parent / "models" / crf.MODEL_FILE


def stages_before_learned() -> tuple[Stage, ...]:
    stages = default_stages()
    return stages[: stages.index(crf.stage)] if crf.stage in stages else stages


def gold_roles(article: GoldArticle) -> list[tuple[str, int, object]]:
    """(role, attribution number, span) triples: contents (longest first, so nested ones win),
    then sources, then cues, each later kind overriding the earlier on shared tokens."""
    contents = [("CONTENT", n, span) for n, a in enumerate(article.attributions) for span in a.content]
    contents.sort(key=lambda triple: triple[2].start - triple[2].end)
    sources = [("SRC", n, span) for n, a in enumerate(article.attributions) for span in a.source]
    cues = [("CUE", n, span) for n, a in enumerate(article.attributions) for span in a.cue]
    return [*contents, *sources, *cues]


def sequences(article: GoldArticle, stages: Sequence[Stage]) -> Iterable[tuple[list[list[str]], list[str]]]:
    doc = run(article.text, stages)
    roles = gold_roles(article)
    found = crf.rule_roles(doc)
    for passage in tagger.passages(doc):
        first, last = passage.tokens[0].start, passage.tokens[-1].end
        local = [r for r in roles if r[2].start < last and r[2].end > first]
        yield (
            crf.features(doc.text, passage, crf.passage_roles(passage, found)),
            tagger.bio_labels(passage, local),
        )


def training_sequences(
    articles: Sequence[GoldArticle], keep_empty: float = 1.0
) -> Iterable[tuple[list[list[str]], list[str]]]:
    """Every paragraph's sequence; one without any attribution is kept with probability ``keep_empty``
    (seeded), which trades precision for recall (fewer all-"O" paragraphs make the tagger bolder)."""
    rng = random.Random(0)
    stages = stages_before_learned()
    for article in articles:
        for xseq, yseq in sequences(article, stages):
            empty = all(label == tagger.OUTSIDE for label in yseq)
            if empty and keep_empty < 1 and rng.random() >= keep_empty:
                continue
            yield xseq, yseq


def train(articles: Sequence[GoldArticle], out: Path, c1: float, c2: float, iterations: int,
          keep_empty: float = 1.0) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in training_sequences(articles, keep_empty):
        trainer.append(xseq, yseq)
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True}
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def score_pipelines(articles: Sequence[GoldArticle], model_path: Path) -> dict[str, dict]:
    """Held-out figures for the rules alone, the tagger alone and their combination."""
    import pycrfsuite

    model = pycrfsuite.Tagger()
    model.open(str(model_path))
    proposer = crf.CrfTagger(model)
    stages = stages_before_learned()

    def rules_only(text: str):
        return run(text, stages).annotation()

    def tagger_only(text: str):
        doc = run(text, stages)
        return replace(doc, statements=tuple(tagger.tag(doc, proposer))).annotation()

    def combined(text: str):
        doc: Doc = run(text, stages)
        return replace(doc, statements=tagger.combine(doc.statements, tagger.tag(doc, proposer))).annotation()

    return {
        name: evaluate_articles(articles, annotate).to_json()
        for name, annotate in (("rules", rules_only), ("tagger", tagger_only), ("combined", combined))
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("split", type=Path, metavar="CORPUS_SPLIT_DIR")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"model file (default: {DEFAULT_OUT})")
    parser.add_argument("--holdout", type=int, default=0, metavar="K", help="hold out every K-th article and score it")
    parser.add_argument("--limit", type=int, default=0, help="train on at most this many articles")
    parser.add_argument("--c1", type=float, default=1.0, help="L1 penalty (higher: smaller model)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 penalty")
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument(
        "--keep-empty", type=float, default=1.0, metavar="FRACTION",
        help="keep this fraction of the paragraphs without attributions (less: more recall, less precision)",
    )
    parser.add_argument(
        "--score-only", action="store_true",
        help="do not train: score the rules, the model at --out and their combination on the whole split",
    )


def run_training(args: argparse.Namespace) -> int:
    if not (args.split / "attributions").is_dir():
        print(f"{args.split}: not a brat split (expected text/ and attributions/ inside)", file=sys.stderr)
        return 2
    articles = read_split(args.split)
    if args.score_only:
        _print_scores(score_pipelines(articles, args.out))
        return 0
    held = [a for i, a in enumerate(articles) if args.holdout and i % args.holdout == 0]
    training = [a for i, a in enumerate(articles) if not (args.holdout and i % args.holdout == 0)]
    if args.limit:
        training = training[: args.limit]
    started = time.perf_counter()
    train(training, args.out, args.c1, args.c2, args.iterations, args.keep_empty)
    size = args.out.stat().st_size
    print(f"trained on {len(training)} articles in {time.perf_counter() - started:.0f} s: {args.out} ({size:,} bytes)")
    if held:
        _print_scores(score_pipelines(held, args.out))
    return 0


def _print_scores(scores: dict[str, dict]) -> None:
    for name, figures in scores.items():
        print(name, {k: v for k, v in figures.items() if k not in ("articles", "missing_predictions")})


def main(argv: Sequence[str] | None = None, prog: str = "python -m annotators.train") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    return run_training(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())

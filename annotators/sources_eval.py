"""How often the actors stage resolves a gold source mention to an actor (PolNeAR-style brat corpus).

Gold attributions become statements (their content and source spans), the actors stage runs, and the
share of sources that get an actor is reported by kind of source: pronoun, relative pronoun, name
(has a capitalised word), description (the rest). For names it also checks that the actor is the one
named: the actor's name or an alias shares the source's capitalised words.

    python -m annotators.sources_eval CORPORA/polnear/dev
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from . import actors, pipeline
from .brat import GoldArticle, read_split
from .mentions import gazetteer
from .model import Annotation, Span, Statement

_WORD = re.compile(r"[A-Za-z][\w'.-]*")


def source_kind(text: str) -> str:
    words = _WORD.findall(text)
    kinds = gazetteer().pronouns
    if len(words) == 1 and words[0].lower() in kinds:
        return "relative" if kinds[words[0].lower()] == "rel" else "pronoun"
    if any(w[0].isupper() and w.lower() not in kinds and w.lower() not in ("the", "a") for w in words):
        return "name"
    return "description"


def annotate_with_gold_sources(article: GoldArticle) -> tuple[Annotation, list[Statement]]:
    doc = pipeline.run(article.text, until="sentences")
    statements = [
        Statement(f"g{n}", "indirect", gold.content, None, Span(gold.source[0].start, gold.source[-1].end))
        for n, gold in enumerate(article.attributions)
        if gold.source
    ]
    doc = actors.stage(replace(doc, statements=tuple(statements)))
    return doc.annotation(), list(doc.statements)


def names_agree(source: str, actor_name: str, aliases: tuple[str, ...]) -> bool:
    named = " ".join((actor_name, *aliases))
    capitalised = [
        w for w in _WORD.findall(source) if w[0].isupper() and w.lower() not in gazetteer().pronouns
    ]
    return any(w.rstrip(".") in named for w in capitalised)


def score(split_dir: Path) -> dict[str, tuple[int, int]]:
    resolved: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for article in read_split(split_dir):
        annotation, statements = annotate_with_gold_sources(article)
        for statement in statements:
            surface = statement.source.text(article.text) if statement.source is not None else ""
            kind = source_kind(surface)
            total[kind] += 1
            actor = annotation.actor(statement.actor)
            if actor is None:
                continue
            resolved[kind] += 1
            if kind == "name":
                total["name agrees"] += 1
                resolved["name agrees"] += names_agree(surface, actor.name, actor.aliases)
    return {
        kind: (resolved[kind], total[kind])
        for kind in ("name", "name agrees", "pronoun", "relative", "description")
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path, help="a brat split directory (text/, attributions/)")
    args = parser.parse_args(argv)
    report = score(args.split)
    done = sum(r for k, (r, _) in report.items() if k != "name agrees")
    count = sum(t for k, (_, t) in report.items() if k != "name agrees")
    for kind, (hits, of) in report.items():
        print(f"{kind:12} {hits:6d} / {of:6d} = {hits / of if of else 0:.3f}")
    print(f"{'all':12} {done:6d} / {count:6d} = {done / count if count else 0:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The texts the benchmarks run on: PolNeAR dev beside the checkout, else the bundled seed article."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "nato-no-fly-zone.txt"
WORD = re.compile(r"\w+")  # the words `quotelens eval` counts in its words/s
# ../shared beside the main checkout; a worktree under /work/wt/NAME finds it one level further up
SHARED = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.exists()), REPO.parent / "shared")


def polnear_dev() -> Path | None:
    """PolNeAR dev's text/ folder in ``SHARED``, if it is there."""
    texts = SHARED / "corpora" / "polnear" / "dev" / "text"
    return texts if texts.is_dir() else None


def dev_texts(corpus: Path | None = None) -> tuple[list[str], str]:
    """The articles and a name for where they come from."""
    corpus = corpus or polnear_dev()
    if corpus is not None:
        return [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))], str(corpus.parent)
    return [SEED.read_text(encoding="utf-8")] * 50, "the bundled seed x50 (PolNeAR dev not found)"


def article_of(words: int) -> str:
    """One article of about ``words`` words: the dev texts (their body lines) as paragraphs, repeated."""
    articles, _ = dev_texts()
    paragraphs = [line.strip() for text in articles for line in text.splitlines() if line.strip()]
    chosen, count, index = [], 0, 0
    while count < words:
        paragraph = paragraphs[index % len(paragraphs)]
        chosen.append(paragraph)
        count += len(WORD.findall(paragraph))
        index += 1
    return "\n\n".join(chosen) + "\n"

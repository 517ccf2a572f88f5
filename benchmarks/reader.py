"""Reader speed: first paint of the seed, opening a generated 100k-word article, and `n`.

Run from the repository root:

    python benchmarks/reader.py            # the figures in the README
    python benchmarks/reader.py --engine   # annotate the long article with the real pipeline too

The long article is generated with its own annotation (every quote and who said it), so `n` is
measured over real statements whatever the engine currently finds; `--engine` adds how long the
pipeline takes to bring the overlays in (the text is readable before that: annotation runs in a
worker). Times are wall-clock on this machine, headless, size 120x40.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual import events

from annotators.model import Actor, Annotation, Span, Statement
from tui.app import QuotelensApp, default_annotator, preview
from tui.widgets.article_view import ArticleView

SIZE = (120, 40)
SYLLABLES = ["ka", "lo", "mi", "ren", "sa", "tor", "vel", "an", "bri", "dor", "es", "fin", "gal", "hu"]
WORDS = (
    "the government officials said talks would continue next week while markets watched closely "
    "and analysts expected further measures to follow a long period of uncertainty in the region"
).split()


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def generated_article(words: int, seed: int = 4) -> tuple[str, Annotation]:
    """About ``words`` words of news-like paragraphs; one sentence in three is a quote."""
    rng = random.Random(seed)
    speakers = [_name(rng) for _ in range(40)]
    parts: list[str] = ["date 2024-01-01\n", "GENERATED: "]
    statements: list[tuple[Span, Span, Span, int]] = []
    length = sum(len(p) for p in parts)
    count = 0
    while count < words:
        paragraph = []
        for _ in range(rng.randint(2, 5)):
            clause = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
            if rng.random() < 1 / 3:
                speaker = rng.randrange(len(speakers))
                prefix = length + sum(len(s) + 1 for s in paragraph)
                sentence = f"“{clause.capitalize()},” {speakers[speaker]} said."
                content = Span(prefix + 1, prefix + 1 + len(clause) + 1)
                source_start = prefix + sentence.index(speakers[speaker], len(clause))
                source = Span(source_start, source_start + len(speakers[speaker]))
                cue = Span(source.end + 1, source.end + 5)
                statements.append((content, cue, source, speaker))
            else:
                sentence = clause.capitalize() + "."
            paragraph.append(sentence)
            count += len(sentence.split())
        text = " ".join(paragraph) + "\n\n"
        parts.append(text)
        length += len(text)
    full = "".join(parts)
    base = preview(full)
    actors = tuple(Actor(f"a{i}", name, "person") for i, name in enumerate(speakers))
    return full, Annotation(
        meta=base.meta,
        paragraphs=base.paragraphs,
        actors=actors,
        statements=tuple(
            Statement(f"s{i}", "direct", (content,), cue, source, f"a{speaker}")
            for i, (content, cue, source, speaker) in enumerate(statements, 1)
        ),
    )


def record_first_paint(app: QuotelensApp) -> list[float]:
    """The time the reader's first frame is handed to the terminal driver (filled in later)."""
    painted: list[float] = []
    display = app._display

    def timed_display(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None and screen is app.reader and not painted:
            painted.append(time.perf_counter())

    app._display = timed_display
    return painted


async def first_paint(app: QuotelensApp) -> float:
    """Seconds from starting the app until its first frame is written out."""
    start = time.perf_counter()
    painted = record_first_paint(app)
    async with app.run_test(size=SIZE) as pilot:
        while not painted:
            await pilot.pause(0.01)
        while app.reader.annotating:
            await pilot.pause(0.2)
    return painted[0] - start


async def key_to_screen(app: QuotelensApp, key: str) -> float:
    """A key event through the app's queue until the statement changed and the screen has been
    repainted (the update a terminal would be sent), without Pilot's idle waits."""
    reader = app.reader
    before = reader.current
    start = time.perf_counter()
    app._driver.send_message(events.Key(key, key))
    while reader.current == before:
        await asyncio.sleep(0)
    painted = asyncio.get_running_loop().create_future()
    app.screen.call_after_refresh(painted.set_result, None)
    await painted
    return time.perf_counter() - start


async def open_and_step(text: str, annotation: Annotation, presses: int, engine: bool) -> dict[str, float]:
    """Open the article (with the engine as the app runs it, or the generated annotation), then
    step through the generated statements."""
    start = time.perf_counter()
    annotator = default_annotator if engine else (lambda _text: annotation)
    app = QuotelensApp(path=Path("generated.txt"), text=text, annotator=annotator)
    painted = record_first_paint(app)
    figures: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        while not painted:
            await pilot.pause(0.01)
        figures["open"] = painted[0] - start
        while app.reader.annotating:
            await pilot.pause(0.05)
        figures["annotated"] = time.perf_counter() - start
        await pilot.pause()
        if engine:  # step through what the bench generated, not what the engine found
            app.reader.annotation = annotation
            await pilot.pause()
        reader, article = app.reader, app.reader.query_one(ArticleView)
        handler: list[float] = []
        for _ in range(presses):
            t = time.perf_counter()
            reader.action_step(True, False)
            for y in range(article.scrollable_content_region.height):  # the repaint of the pane
                article.render_line(y)
            handler.append(time.perf_counter() - t)
        figures["n"] = statistics.median(handler)
        figures["n_key"] = statistics.median([await key_to_screen(app, "n") for _ in range(presses // 4)])
        figures["statements"] = len(reader.annotation.statements)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--engine", action="store_true", help="annotate the long article with the pipeline")
    args = parser.parse_args()

    from seeds import default_seed

    seed = default_seed()
    seed_text = seed.read_text(encoding="utf-8")
    seed_paint = asyncio.run(first_paint(QuotelensApp(path=seed, text=seed_text)))
    print(f"seed first paint:            {seed_paint * 1000:7.0f} ms   (bar 300 ms)")

    text, annotation = generated_article(args.words)
    words = len(text.split())
    figures = asyncio.run(open_and_step(text, annotation, args.presses, args.engine))
    print(f"{words}-word article open:    {figures['open'] * 1000:7.0f} ms   (bar 1500 ms; first frame, with the text)")
    label = "engine annotation done" if args.engine else "overlays in (generated)"
    print(f"{label + ':':29}{figures['annotated'] * 1000:7.0f} ms   (after the text; ±50 ms)")
    print(f"n, median of {args.presses}:           {figures['n'] * 1000:7.1f} ms   "
          f"(bar 16 ms; handler + repaint of the pane, {figures['statements']:.0f} statements)")
    print(f"n key event to full screen:  {figures['n_key'] * 1000:7.1f} ms   (median; event queue + screen update)")


if __name__ == "__main__":
    main()

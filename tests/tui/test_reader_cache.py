"""The reader keeps annotations in the cache: an article opened again is not annotated again."""

from __future__ import annotations

from tests.tui.helpers import settle
from tests.tui.seed_annotation import seed_annotation
from tui.annotation_cache import AnnotationCache
from tui.app import QuotelensApp


async def test_a_reopened_article_comes_from_the_cache(seed_path, seed_text, tmp_path):
    cache = AnnotationCache(tmp_path / "cache", "test-1")
    calls: list[str] = []

    def counting(text: str):
        calls.append(text)
        return seed_annotation(text)

    for _ in range(2):
        app = QuotelensApp(seed_path, seed_text, annotator=counting, cache=cache)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            assert app.reader.annotation == seed_annotation(seed_text)
    assert calls == [seed_text]  # annotated once: the second reader read the cache
    assert cache.get(seed_text) == seed_annotation(seed_text)


async def test_a_damaged_cache_entry_is_annotated_again_and_replaced(seed_path, seed_text, tmp_path):
    cache = AnnotationCache(tmp_path / "cache", "test-1")
    cache.put(seed_text, seed_annotation(seed_text))
    cache.entry_path(seed_text).write_text('{"format": "quotelens.annotation-cache/1", "vers')
    app = QuotelensApp(seed_path, seed_text, annotator=seed_annotation, cache=cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert len(app.reader.annotation.statements) == len(seed_annotation(seed_text).statements)
    assert cache.get(seed_text) == seed_annotation(seed_text)

"""The reports commands print as plain lines: ``eval-stance``'s scores and the annotation cache's usage
(``eval``'s table is ``annotators.evaluate.side_by_side``). The command line computes and calls; these
only format."""

from __future__ import annotations

from typing import Any, Collection, Iterable

from tui.annotation_cache import AnnotationCache, VersionUsage


def stance_report(result: dict[str, Any]) -> str:
    low, high = result["macro_f1_95ci"] or (0.0, 0.0)
    lines = [
        f"rows {result['rows']}  accuracy {result['accuracy']:.3f}  macro-F1 {result['macro_f1']:.3f}"
        f" (95% bootstrap interval {low:.3f}-{high:.3f})",
        f"{'label':<16} {'P':>6} {'R':>6} {'F1':>6} {'n':>6}",
    ]
    for number, scores in result["per_label"].items():
        name = f"{number} {scores['name']}"
        lines.append(
            f"{name:<16} {scores['precision']:6.3f} {scores['recall']:6.3f} {scores['f1']:6.3f}"
            f" {scores['support']:6d}"
        )
    return "\n".join(lines)


def cache_cleared_report(cache: AnnotationCache, removed: Iterable[VersionUsage]) -> str:
    removed = list(removed)
    entries, size = sum(u.entries for u in removed), sum(u.bytes for u in removed)
    plural = "s" * (entries != 1)
    return f"removed {entries} cached annotation{plural} ({_size(size)}) from {cache.directory}"


def cache_report(cache: AnnotationCache, current: Collection[str]) -> str:
    """Where the cache is and what each engine version holds; ``current``: this engine's versions."""
    lines = [f"directory       {cache.directory}", f"engine versions {', '.join(sorted(current))}"]
    for usage in cache.usage():
        mark = "  (current)" if usage.version in current else ""
        plural = "s" * (usage.entries != 1)
        lines.append(f"  {usage.version}  {usage.entries} annotation{plural}, {_size(usage.bytes)}{mark}")
    return "\n".join(lines)


def _size(count: float) -> str:
    for unit in ("bytes", "KB", "MB"):
        if count < 1000:
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} GB"

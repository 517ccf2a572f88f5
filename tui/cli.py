"""The ``quotelens`` command line.

Each subcommand imports only what it needs: ``annotate`` and ``eval`` never import Textual, so they
start fast and run where no terminal UI is wanted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from tui.safe_text import one_line, safe_json

EXIT_USAGE = 2


class CommandError(Exception):
    """A user-facing failure: printed as one line on stderr, exit status 2."""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("quotelens")
    except PackageNotFoundError:
        return "0+unknown"


def _read(path: Path) -> str:
    from annotators.textio import UnreadableArticle, read_article

    try:
        return read_article(path)
    except UnreadableArticle as error:
        raise CommandError(str(error)) from None


# --- quotelens read -------------------------------------------------------------------------------


def cmd_read(args: argparse.Namespace) -> int:
    from seeds import default_seed

    path = args.path or default_seed()
    if path.is_dir():
        folder, text = _folder(path), None
    else:
        folder, text = None, _read(path)  # fail before the UI starts
    from tui.annotation_cache import AnnotationCache, cache_dir, engine_version
    from tui.app import QuotelensApp

    cache = AnnotationCache(cache_dir(args.cache_dir), engine_version())
    QuotelensApp(path=path, text=text, notes_dir=args.data_dir, cache=cache, folder=folder).run()
    return 0


def _folder(path: Path):
    from tui.library import ARTICLE_SUFFIXES, articles_in

    try:
        folder = articles_in(path)
    except OSError as error:
        raise CommandError(f"{path}: cannot list the folder ({error.strerror or error})") from None
    if not folder.paths:
        raise CommandError(f"{path}: no articles in this folder (looked for {', '.join(ARTICLE_SUFFIXES)})")
    return folder


# --- quotelens cache ------------------------------------------------------------------------------


def cmd_cache(args: argparse.Namespace) -> int:
    from tui.annotation_cache import AnnotationCache, cache_dir, engine_version

    cache = AnnotationCache(cache_dir(args.cache_dir), engine_version())
    if args.action == "clear":
        removed = cache.clear()
        entries, size = sum(u.entries for u in removed), sum(u.bytes for u in removed)
        plural = "s" * (entries != 1)
        print(f"removed {entries} cached annotation{plural} ({_size(size)}) from {cache.directory}")
        return 0
    print(f"directory       {cache.directory}")
    print(f"engine version  {cache.version}")
    for usage in cache.usage():
        current = "  (current)" if usage.version == cache.version else ""
        plural = "s" * (usage.entries != 1)
        print(f"  {usage.version}  {usage.entries} annotation{plural}, {_size(usage.bytes)}{current}")
    return 0


def _size(count: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if count < 1000:
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} GB"


# --- quotelens annotate ---------------------------------------------------------------------------


def cmd_annotate(args: argparse.Namespace) -> int:
    from annotators import annotate

    texts = [(path, _read(path)) for path in args.paths]  # all inputs checked before any output
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for path, text in texts:
        annotation = annotate(text)
        if args.out:
            target = args.out / f"{path.stem}.json"
            target.write_text(safe_json(annotation.to_json()), encoding="utf-8")
        results.append((path, text, annotation))
    if args.out:
        return 0
    if args.format == "json":
        objects = [a.to_json() for _, _, a in results]
        print(safe_json(objects[0] if len(objects) == 1 else objects, indent=2))
    elif args.format == "jsonl":
        for path, _, annotation in results:
            print(safe_json({"path": str(path), **annotation.to_json()}))
    else:
        from tui.report import print_annotation

        for path, text, annotation in results:
            print_annotation(path, text, annotation)
    return 0


# --- quotelens export -----------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from tui.export import ExportExists, export_article, write_atomically
    from tui.notes import NotesUnavailable

    text = _read(args.path)
    if args.output and args.output.exists() and not args.force:  # say so before the work of annotating
        raise CommandError(f"{args.output} exists; left untouched (use --force to replace it)")
    try:
        content = export_article(
            args.path, text, fmt=args.format, all_statements=args.all, data_dir=args.data_dir,
            now=datetime.now(timezone.utc), version=_version(),
        )
    except NotesUnavailable as error:
        raise CommandError(str(error)) from None
    if not args.output:
        sys.stdout.write(content)
        return 0
    try:
        write_atomically(args.output, content, overwrite=args.force)
    except ExportExists:
        raise CommandError(f"{args.output} exists; left untouched (use --force to replace it)") from None
    except OSError as error:
        raise CommandError(f"{args.output}: cannot write ({error.strerror or error})") from None
    print(f"wrote {one_line(str(args.output))}", file=sys.stderr)
    return 0


# --- quotelens eval -------------------------------------------------------------------------------


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from annotators.evaluate import agreement, evaluate

    if not (args.split / "attributions").is_dir() or not (args.split / "text").is_dir():
        raise CommandError(f"{args.split}: not a brat split (expected text/ and attributions/ inside)")
    report = agreement(args.split) if args.agreement else evaluate(args.split)
    if args.agreement and not report.articles:
        raise CommandError(f"{args.split}: no article has two annotators")
    figures, intervals = report.to_json(), report.intervals()
    if args.agreement:
        del figures["words_per_second"]  # nothing was annotated
    if args.json:
        print(json.dumps({**figures, "bootstrap_95ci": intervals}))
        return 0
    for name, value in figures.items():
        if isinstance(value, tuple):
            precision, recall, f1 = value
            value = f"P {precision:.4f}  R {recall:.4f}  F1 {f1:.4f}"
        elif isinstance(value, float):
            value = f"{value:.4f}"
        print(f"{name.replace('_', ' '):22} {value}")
    print("95% intervals (bootstrap over articles):")
    for name, (low, high) in intervals.items():
        print(f"  {name.replace('_', ' '):20} {low:.4f}-{high:.4f}")
    return 0


# --- quotelens train ------------------------------------------------------------------------------


def cmd_train(args: argparse.Namespace) -> int:
    from annotators.train import main as train

    return train(args.arguments, prog="quotelens train")


def _train_arguments(argv: list[str]) -> argparse.Namespace | None:
    """``quotelens train ...`` hands everything after ``train`` (``-h`` too) to the trainer's parser."""
    if argv[:1] == ["train"]:
        return argparse.Namespace(handler=cmd_train, arguments=argv[1:])
    return None


# --- quotelens eval-stance ------------------------------------------------------------------------


def cmd_eval_stance(args: argparse.Namespace) -> int:
    import json

    from annotators.stance import evaluate

    if not args.tsv.is_file():
        raise CommandError(f"{args.tsv}: not a file")
    result = evaluate(args.tsv)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    low, high = result["macro_f1_95ci"] or (0.0, 0.0)
    print(
        f"rows {result['rows']}  accuracy {result['accuracy']:.3f}  macro-F1 {result['macro_f1']:.3f}"
        f" (95% bootstrap interval {low:.3f}-{high:.3f})"
    )
    print(f"{'label':<16} {'P':>6} {'R':>6} {'F1':>6} {'n':>6}")
    for number, scores in result["per_label"].items():
        name = f"{number} {scores['name']}"
        print(
            f"{name:<16} {scores['precision']:6.3f} {scores['recall']:6.3f} {scores['f1']:6.3f}"
            f" {scores['support']:6d}"
        )
    return 0


# --- the parser -----------------------------------------------------------------------------------

def build_parser() -> tuple[argparse.ArgumentParser, set[str]]:
    """The parser and the names of its subcommands."""
    parser = argparse.ArgumentParser(
        prog="quotelens",
        description="Read news articles in the terminal and see who said what.",
    )
    parser.add_argument("--version", action="version", version=f"quotelens {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    read = commands.add_parser("read", help="open an article in the reader (the default command)")
    read.add_argument("path", nargs="?", type=Path,
                      help="a text or Markdown file, or a folder of them (default: the bundled seed)")
    read.add_argument("--data-dir", metavar="DIR", help="notes directory (default: $QUOTELENS_DATA_DIR "
                      "or the user data directory)")
    read.add_argument("--cache-dir", metavar="DIR", help="annotation cache (default: $QUOTELENS_CACHE_DIR "
                      "or the user cache directory)")
    read.set_defaults(handler=cmd_read)

    cache = commands.add_parser("cache", help="show or clear the cache of annotations")
    cache.add_argument("action", choices=("info", "clear"), help="info: where and how big; clear: remove all")
    cache.add_argument("--cache-dir", metavar="DIR", help="the cache (default: $QUOTELENS_CACHE_DIR "
                       "or the user cache directory)")
    cache.set_defaults(handler=cmd_cache)

    annotate = commands.add_parser("annotate", help="print who said what in one or more articles")
    annotate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    annotate.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
    annotate.add_argument("--out", type=Path, metavar="DIR", help="write DIR/NAME.json per input")
    annotate.set_defaults(handler=cmd_annotate)

    export = commands.add_parser("export", help="export an article's statements and notes as Markdown or JSON")
    export.add_argument("path", type=Path, metavar="PATH")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write FILE (default: stdout)")
    export.add_argument("--format", choices=("md", "json"), default="md")
    export.add_argument("--all", action="store_true", help="every statement, not only those with notes")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument("--data-dir", metavar="DIR", help="notes directory (default: $QUOTELENS_DATA_DIR "
                        "or the user data directory)")
    export.set_defaults(handler=cmd_export)

    evaluation = commands.add_parser("eval", help="score the annotator on a brat corpus split (PolNeAR)")
    evaluation.add_argument("split", type=Path, metavar="CORPUS_SPLIT_DIR")
    evaluation.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    evaluation.add_argument(
        "--agreement", action="store_true",
        help="score people, not quotelens: the second annotator against the first where an article has two",
    )
    evaluation.set_defaults(handler=cmd_eval)

    # Listed here for the help only: main() hands `train ...` to the trainer's own parser, which
    # lives with the trainer (importing it here would slow every command down).
    commands.add_parser("train", add_help=False, help="retrain the learned tagger on a brat corpus split")

    eval_stance = commands.add_parser(
        "eval-stance", help="score the directed-sentiment model on a TSV (sentence, p, q, label)"
    )
    eval_stance.add_argument("tsv", type=Path, metavar="TSV")
    eval_stance.add_argument("--json", action="store_true", help="print the scores as a JSON object")
    eval_stance.set_defaults(handler=cmd_eval_stance)
    return parser, set(commands.choices)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, commands = build_parser()
    # `quotelens`, `quotelens PATH` and `quotelens --data-dir DIR` mean `quotelens read ...`.
    if not argv or (argv[0] not in commands and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "read")
    args = _train_arguments(argv) or parser.parse_args(argv)
    try:
        return args.handler(args)
    except CommandError as error:
        print(f"quotelens: {one_line(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())

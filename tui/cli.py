"""The ``quotelens`` command line.

Each subcommand imports only what it needs: ``annotate`` and ``eval`` never import Textual, so they
start fast and run where no terminal UI is wanted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from tui import __version__
from tui.cli_support import CommandError, check_model, input_limits, load, parse_size
from tui.safe_text import one_line

EXIT_USAGE = 2


def _models(choice: str) -> list[str]:
    """``--model both``: each model, the accurate one only where it can run (a note on stderr if not)."""
    if choice != "both":
        check_model(choice)
        return [choice]
    try:
        check_model("accurate")
    except CommandError as error:
        print(f"quotelens: {error}", file=sys.stderr)
        return ["fast"]
    return ["fast", "accurate"]


# --- quotelens read -------------------------------------------------------------------------------


def cmd_read(args: argparse.Namespace) -> int:
    from seeds import default_seed

    from tui.inputs import InputError, discover, load_entry
    from tui.library import Library, lists_articles

    spec, limits = args.path or str(default_seed()), input_limits(args)
    try:  # fail before the UI starts
        entries = discover(spec, limits)
        library = Library(spec, tuple(entries), limits) if lists_articles(spec, entries) else None
        article = None if library else load_entry(entries[0], limits)
    except InputError as error:
        raise CommandError(str(error)) from None
    if args.path == "-":
        _keys_from_the_terminal()
    from tui.annotation_cache import AnnotationCache, cache_dir, engine_version
    from tui.app import QuotelensApp

    try:
        check_model(args.model)  # loads the encoder here, once: the forked annotation children inherit it
    except CommandError:
        if library is not None:  # a library annotates every row with the model: it needs it to run
            raise
        # one article: the reader shows the fast model's statements and says why the accurate one is absent
    cache = AnnotationCache(cache_dir(args.cache_dir), engine_version(args.model))
    QuotelensApp(article=article, library=library, notes_dir=args.data_dir, cache=cache, model=args.model).run()
    return 0


def _keys_from_the_terminal() -> None:
    """The article came on standard input, which is now at its end: the reader takes its keys from
    the terminal instead (Textual reads file descriptor 0)."""
    import os

    if sys.stdin.isatty():
        return
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise CommandError("-: the reader needs a terminal for its keys; use `quotelens annotate -` "
                           "to annotate standard input without one") from None
    os.dup2(terminal, 0)
    os.close(terminal)


# --- quotelens cache ------------------------------------------------------------------------------


def cmd_cache(args: argparse.Namespace) -> int:
    from tui.annotation_cache import AnnotationCache, cache_dir, engine_version
    from tui.plain_reports import cache_cleared_report, cache_report

    cache = AnnotationCache(cache_dir(args.cache_dir), engine_version())
    current = {engine_version(model) for model in MODELS}  # each model of this engine
    if args.action == "clear":
        print(cache_cleared_report(cache, cache.clear(keep=current if args.stale else ())))
        return 0
    print(cache_report(cache, current))
    return 0


# --- quotelens annotate ---------------------------------------------------------------------------


def cmd_annotate(args: argparse.Namespace) -> int:
    from tui.batch_command import annotate_command

    return annotate_command(args)


# --- quotelens export -----------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from tui.export import ExportExists, export_article, write_atomically
    from tui.notes import NotesUnavailable

    article = load(args.path, args)
    if args.output and args.output.exists() and not args.force:  # say so before the work of annotating
        raise CommandError(f"{args.output} exists; left untouched (use --force to replace it)")
    try:
        content = export_article(
            article, fmt=args.format, all_statements=args.all, all_actors=args.all_actors, data_dir=args.data_dir,
            now=datetime.now(timezone.utc), version=__version__,
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

    from annotators.evaluate import agreement, evaluate, side_by_side
    from annotators.pipeline import annotate

    if not (args.split / "attributions").is_dir() or not (args.split / "text").is_dir():
        raise CommandError(f"{args.split}: not a brat split (expected text/ and attributions/ inside)")
    columns = {}
    if args.agreement:
        columns["second annotator"] = agreement(args.split)
        if not columns["second annotator"].articles:
            raise CommandError(f"{args.split}: no article has two annotators")
    models = _models(args.model)
    for model in models:
        columns[model] = evaluate(args.split, lambda text, model=model: annotate(text, model=model))
    if args.json:
        objects = {}
        for name, report in columns.items():
            figures = report.to_json()
            if name == "second annotator":
                del figures["words_per_second"]  # nothing was annotated
            objects[name.replace(" ", "_")] = {**figures, "bootstrap_95ci": report.intervals()}
        print(json.dumps(next(iter(objects.values())) if len(objects) == 1 else objects))
        return 0
    ordered = {name: columns[name] for name in (*models, "second annotator") if name in columns}
    print(side_by_side(ordered))
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

    from annotators.evaluate import evaluate_stance
    from tui.plain_reports import stance_report

    if not args.tsv.is_file():
        raise CommandError(f"{args.tsv}: not a file")
    results = {}
    for model in _models(args.model):
        classify = None
        if model == "accurate":
            from annotators.encoder.runtime import classify
        results[model] = evaluate_stance(args.tsv, classify)
    if args.json:
        print(json.dumps(next(iter(results.values())) if len(results) == 1 else results, indent=2))
        return 0
    for number, (model, result) in enumerate(results.items()):
        if len(results) > 1:
            print(f"{chr(10) * bool(number)}{model} model")
        print(stance_report(result))
    return 0


# --- the parser -----------------------------------------------------------------------------------

MODELS = ("fast", "accurate")  # annotators.pipeline.MODELS, without importing the engine to parse
READING_MODEL = "accurate"  # what read and annotate use unless told: issue 12 made the encoder the default


def _model_option(command: argparse.ArgumentParser, default: str) -> None:
    command.add_argument("--model", choices=MODELS, default=default,
                         help=f"fast: rules + CRF; accurate: rules + a fine-tuned encoder (default: {default})")


def build_parser() -> tuple[argparse.ArgumentParser, set[str]]:
    """The parser and the names of its subcommands."""
    parser = argparse.ArgumentParser(
        prog="quotelens",
        description="Read news articles in the terminal and see who said what.",
    )
    parser.add_argument("--version", action="version", version=f"quotelens {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    read = commands.add_parser("read", help="open an article in the reader, or a folder or feed in the library "
                               "(the default command)")
    read.add_argument("path", nargs="?", metavar="PATH|DIR|URL|FEED|-",
                      help="a text, Markdown or HTML file, a URL, - for standard input, or a folder or feed of "
                      "them (default: the bundled seed)")
    _input_options(read)
    read.add_argument("--data-dir", metavar="DIR", help="notes directory (default: $QUOTELENS_DATA_DIR "
                      "or the user data directory)")
    read.add_argument("--cache-dir", metavar="DIR", help="annotation cache (default: $QUOTELENS_CACHE_DIR "
                      "or the user cache directory)")
    _model_option(read, READING_MODEL)
    read.set_defaults(handler=cmd_read)

    cache = commands.add_parser("cache", help="show or clear the cache of annotations")
    cache.add_argument("action", choices=("info", "clear"), help="info: where and how big; clear: remove all")
    cache.add_argument("--cache-dir", metavar="DIR", help="the cache (default: $QUOTELENS_CACHE_DIR "
                       "or the user cache directory)")
    cache.add_argument("--stale", action="store_true",
                       help="with clear: only what older versions of the engine wrote")
    cache.set_defaults(handler=cmd_cache)

    annotate = commands.add_parser("annotate", help="print who said what in one or more articles")
    annotate.add_argument("inputs", nargs="+", metavar="PATH|DIR|URL|FEED|-")
    annotate.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
    annotate.add_argument("--out", type=Path, metavar="DIR", help="write one JSON file per article under DIR "
                          "(mirroring the inputs' folders); outputs newer than their input are skipped")
    annotate.add_argument("--jobs", "-j", type=int, metavar="N", help="processes to annotate with "
                          "(default: every core)")
    annotate.add_argument("--dask", metavar="ADDRESS", help="annotate on a Dask distributed cluster "
                          "(its scheduler's address, e.g. tcp://10.0.0.5:8786; needs quotelens[dask])")
    _input_options(annotate)
    _model_option(annotate, READING_MODEL)
    annotate.set_defaults(handler=cmd_annotate)

    export = commands.add_parser("export", help="export an article's statements and notes as Markdown or JSON")
    export.add_argument("path", metavar="PATH|URL|-")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write FILE (default: stdout)")
    export.add_argument("--format", choices=("md", "json"), default="md")
    export.add_argument("--all", action="store_true", help="every statement, not only those with notes")
    export.add_argument("--all-actors", action="store_true",
                        help="every actor, not only those who speak or are the target of a stance")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument("--data-dir", metavar="DIR", help="notes directory (default: $QUOTELENS_DATA_DIR "
                        "or the user data directory)")
    _input_options(export)
    export.set_defaults(handler=cmd_export)

    evaluation = commands.add_parser("eval", help="score the annotator on a brat corpus split (PolNeAR)")
    evaluation.add_argument("split", type=Path, metavar="CORPUS_SPLIT_DIR")
    evaluation.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    evaluation.add_argument(
        "--agreement", action="store_true",
        help="add people: the second annotator against the first, where an article has two",
    )
    evaluation.add_argument("--model", choices=(*MODELS, "both"), default="both",
                            help="which model to score (default: both, side by side)")
    evaluation.set_defaults(handler=cmd_eval)

    # Listed here for the help only: main() hands `train ...` to the trainer's own parser, which
    # lives with the trainer (importing it here would slow every command down).
    commands.add_parser("train", add_help=False, help="retrain the learned tagger on a brat corpus split")

    eval_stance = commands.add_parser(
        "eval-stance", help="score the directed-sentiment model on a TSV (sentence, p, q, label)"
    )
    eval_stance.add_argument("tsv", type=Path, metavar="TSV")
    eval_stance.add_argument("--json", action="store_true", help="print the scores as a JSON object")
    eval_stance.add_argument("--model", choices=(*MODELS, "both"), default="both",
                             help="which model's stance scorer (default: both)")
    eval_stance.set_defaults(handler=cmd_eval_stance)
    return parser, set(commands.choices)


def _input_options(command: argparse.ArgumentParser) -> None:
    from tui.inputs import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

    command.add_argument("--max-size", type=parse_size, default=DEFAULT_MAX_BYTES, metavar="SIZE",
                         help="refuse a file, page or input larger than SIZE (default: 10M)")
    command.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                         help=f"give up on a URL (or on reaching --dask's scheduler) after SECONDS "
                         f"(default: {DEFAULT_TIMEOUT:g})")


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
    except BrokenPipeError:  # `| head`: the reader has all it wanted
        _silence_stdout()
        return 0


def _silence_stdout() -> None:
    """Nothing more can reach a closed pipe, and the interpreter's last flush must not complain."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())

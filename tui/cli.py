"""The ``quotelens`` command line.

Each subcommand imports only what it needs: ``annotate`` and ``eval`` never import Textual, so they
start fast and run where no terminal UI is wanted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

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
    text = _read(path)  # fail before the UI starts
    from tui.app import QuotelensApp

    QuotelensApp(path=path, text=text).run()
    return 0


# --- quotelens annotate ---------------------------------------------------------------------------


def cmd_annotate(args: argparse.Namespace) -> int:
    import json

    from annotators import annotate

    texts = [(path, _read(path)) for path in args.paths]  # all inputs checked before any output
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for path, text in texts:
        annotation = annotate(text)
        if args.out:
            target = args.out / f"{path.stem}.json"
            target.write_text(json.dumps(annotation.to_json(), ensure_ascii=False), encoding="utf-8")
        results.append((path, text, annotation))
    if args.out:
        return 0
    if args.format == "json":
        objects = [a.to_json() for _, _, a in results]
        print(json.dumps(objects[0] if len(objects) == 1 else objects, ensure_ascii=False, indent=2))
    elif args.format == "jsonl":
        for path, _, annotation in results:
            print(json.dumps({"path": str(path), **annotation.to_json()}, ensure_ascii=False))
    else:
        from tui.report import print_annotation

        for path, text, annotation in results:
            print_annotation(path, text, annotation)
    return 0


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
    print(f"rows {result['rows']}  accuracy {result['accuracy']:.3f}  macro-F1 {result['macro_f1']:.3f}")
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
    read.add_argument("path", nargs="?", type=Path, help="a text or Markdown file (default: the bundled seed)")
    read.set_defaults(handler=cmd_read)

    annotate = commands.add_parser("annotate", help="print who said what in one or more articles")
    annotate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    annotate.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
    annotate.add_argument("--out", type=Path, metavar="DIR", help="write DIR/NAME.json per input")
    annotate.set_defaults(handler=cmd_annotate)

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
    # `quotelens` and `quotelens PATH` mean `quotelens read [PATH]`.
    if not argv or (argv[0] not in commands and not argv[0].startswith("-")):
        argv.insert(0, "read")
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except CommandError as error:
        print(f"quotelens: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())

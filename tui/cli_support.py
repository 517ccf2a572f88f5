"""What the commands of the command line share: the one-line ``CommandError`` and the input options.

Kept apart from ``tui.cli`` so that a command's own module (``tui.batch_command``) can use them without
importing the parser that dispatches to it.
"""

from __future__ import annotations

import argparse


class CommandError(Exception):
    """A user-facing failure: printed as one line on stderr, exit status 2."""


def parse_size(value: str) -> int:
    """``--max-size``: bytes, or a number with k, M or G (powers of 1024): ``500k``, ``10M``."""
    units = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    number, unit = value.strip().rstrip("bB"), ""
    if number[-1:].lower() in units:
        number, unit = number[:-1], number[-1].lower()
    try:
        size = int(float(number) * units[unit])
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (say 500k, 10M or 1G)") from None
    if size <= 0:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (it must be above 0)")
    return size


def input_limits(args: argparse.Namespace):
    from tui.inputs import Limits

    return Limits(max_bytes=args.max_size, timeout=args.timeout)


def load(spec: str, args: argparse.Namespace):
    """The one article ``spec`` names, or a one-line ``CommandError``."""
    from tui.inputs import InputError, load_article

    try:
        return load_article(spec, input_limits(args))
    except InputError as error:
        raise CommandError(str(error)) from None


def check_model(model: str) -> None:
    """Fail before any work, in one line naming ``--model fast``, when the accurate model cannot run."""
    if model == "accurate":
        from annotators.encoder.runtime import EncoderUnavailable, check

        try:
            check()
        except EncoderUnavailable as error:
            raise CommandError(str(error)) from None

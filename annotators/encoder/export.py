"""Export a trained encoder to the int8 ONNX file the package ships (needs the ``[train]`` extra).

    python -m annotators.encoder.export RUN_DIR/best.pt --tokenizer BASE/tokenizer.json \\
        [--out annotators/models]

Writes ``encoder.int8.onnx`` (one graph: the encoder and both heads, weights quantised to int8 by
onnxruntime's dynamic quantisation) and ``encoder-tokenizer.json`` beside it, then checks that the int8
graph tags a sample like the float model and prints the file's size and sha256.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Sequence

import torch

from . import network, runtime
from .train import sha256

SAMPLE = "“We will not back down,” Senator Jane Smith said on Tuesday, adding that the bill was a disgrace."


class Both(torch.nn.Module):
    """Both heads behind one forward, as the run time calls them."""

    def __init__(self, encoder: network.Encoder) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(self, ids, mask, first, second):
        states = self.encoder.encode(ids, mask)
        rows = torch.arange(ids.shape[0])
        joined = torch.cat([states[:, 0], states[rows, first], states[rows, second]], dim=-1)
        return self.encoder.tagger(states), self.encoder.stance(joined)


def trained(checkpoint: Path) -> network.Encoder:
    """The encoder in a state dict (``best.pt``, ``epochN.pt``) or a training checkpoint (``last.pt``)."""
    state = torch.load(checkpoint, weights_only=False)
    model = network.Encoder()
    model.load_state_dict(state.get("model", state))
    return model.eval()


def tiny() -> network.Encoder:
    """A small untrained encoder of the same shape of graph (seeded): the tests' stand-in, so the run
    time's code paths are tested where the shipped weights are not installed."""
    torch.manual_seed(0)
    return network.Encoder(hidden=16, layers=1, heads=2, intermediate=32, positions=512).eval()


def export(model: network.Encoder, out_dir: Path, tokenizer: Path) -> Path:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    ids = torch.tensor([[101, 2057, 2097, 2025, 2067, 102], [101, 1, 2057, 2, 3, 102]])
    inputs = (ids, torch.ones_like(ids), torch.tensor([0, 1]), torch.tensor([0, 3]))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / runtime.MODEL_FILE
    with tempfile.TemporaryDirectory() as scratch:
        float_model = Path(scratch) / "encoder.onnx"
        torch.onnx.export(
            Both(model), inputs, str(float_model), dynamo=False, opset_version=17,
            input_names=["ids", "mask", "first", "second"], output_names=["tags", "stance"],
            dynamic_axes={"ids": {0: "batch", 1: "length"}, "mask": {0: "batch", 1: "length"},
                          "first": {0: "batch"}, "second": {0: "batch"},
                          "tags": {0: "batch", 1: "length"}, "stance": {0: "batch"}},
        )
        quantize_dynamic(str(float_model), str(target), weight_type=QuantType.QInt8)
    shutil.copyfile(tokenizer, out_dir / runtime.TOKENIZER_FILE)
    (out_dir / runtime.HASH_FILE).write_text(f"{sha256(target)}  {runtime.MODEL_FILE}\n", encoding="ascii")
    return target


def compare(checkpoint: Path) -> float:
    """The share of the sample's words the int8 graph tags as the float model does."""
    from . import windows

    model = trained(checkpoint)
    runtime._loaded.cache_clear()
    words, int8_tags = runtime.word_tags(SAMPLE)
    _, _, tokenizer = runtime._loaded()
    found = windows.pieces(SAMPLE, tokenizer)
    ids = torch.tensor([[windows.CLS, *found.ids, windows.SEP]])
    with torch.no_grad():
        guess = model.tag(ids, torch.ones_like(ids))[0, 1:-1].argmax(-1).tolist()
    float_tags = [windows.TAGS[guess[p]] if p >= 0 else "O" for p in found.first_pieces()]
    same = sum(a == b for a, b in zip(int8_tags, float_tags))
    return same / len(words)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotators.encoder.export", description=__doc__.split("\n")[0])
    parser.add_argument("checkpoint", type=Path, nargs="?", help="a state dict written by annotators.encoder.train")
    parser.add_argument("--tiny", action="store_true", help="export the tests' small untrained stand-in instead")
    parser.add_argument("--tokenizer", type=Path, required=True, help="the base model's tokenizer.json")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent.parent / "models")
    args = parser.parse_args(argv)
    if args.tiny == bool(args.checkpoint):
        parser.error("give a checkpoint or --tiny")
    target = export(tiny() if args.tiny else trained(args.checkpoint), args.out, args.tokenizer)
    print(f"wrote {target}: {target.stat().st_size / 1e6:.1f} MB, sha256 {sha256(target)}", file=sys.stderr)
    if args.checkpoint and args.out.resolve() == (Path(__file__).parent.parent / "models").resolve():
        print(f"int8 and float tags agree on {compare(args.checkpoint):.0%} of the sample's words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

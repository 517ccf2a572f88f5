"""The encoder as a torch module, for training and export only (needs the ``[train]`` extra).

A BERT encoder (MiniLM-L6-H384: 6 layers, 384 wide, 12 heads) written out here rather than taken from
``transformers``: the checkpoint's tensor names load into it one to one (``load_state_dict`` is strict,
so a missing or extra tensor fails loudly), and it exports to ONNX without a model hub in the way.
Two heads share it:

- a tagger: per wordpiece, one of ``TAGS`` (Source / Cue / Content in BIO);
- a stance classifier: the ``[CLS]`` state and the states of the two entities' opening markers,
  side by side, to one of the five directed-sentiment labels.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from ..stance.model import LABELS
from .windows import TAGS

STANCE_LABELS = len(LABELS)


class Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, intermediate: int, dropout: float) -> None:
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.attention_out = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.intermediate = nn.Linear(hidden, intermediate)
        self.out = nn.Linear(intermediate, hidden)
        self.out_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape
        size = hidden // self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(batch, length, self.heads, size).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(size) + bias
        attended = self.dropout(scores.softmax(-1)) @ v
        attended = attended.transpose(1, 2).reshape(batch, length, hidden)
        x = self.attention_norm(x + self.dropout(self.attention_out(attended)))
        h = nn.functional.gelu(self.intermediate(x))
        return self.out_norm(x + self.dropout(self.out(h)))


class Encoder(nn.Module):
    def __init__(self, vocab: int = 30522, hidden: int = 384, layers: int = 6, heads: int = 12,
                 intermediate: int = 1536, positions: int = 512, dropout: float = 0.1) -> None:
        super().__init__()
        self.word = nn.Embedding(vocab, hidden)
        self.position = nn.Embedding(positions, hidden)
        self.token_type = nn.Embedding(2, hidden)
        self.embedding_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(dropout)
        self.layers = nn.ModuleList(Layer(hidden, heads, intermediate, dropout) for _ in range(layers))
        self.tagger = nn.Linear(hidden, len(TAGS))
        self.stance = nn.Sequential(nn.Dropout(dropout), nn.Linear(3 * hidden, STANCE_LABELS))

    def freeze(self, layers: int) -> None:
        """Keep the embeddings and the lowest ``layers`` layers as they are (no gradient flows there)."""
        if layers < 0:
            return
        frozen = [self.word, self.position, self.token_type, self.embedding_norm, *self.layers[:layers]]
        for module in frozen:
            module.requires_grad_(False)

    def encode(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
        x = self.word(ids) + self.position(positions) + self.token_type(torch.zeros_like(ids))
        x = self.dropout(self.embedding_norm(x))
        bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return x

    def tag(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Per-wordpiece tag logits, (batch, length, len(TAGS))."""
        return self.tagger(self.encode(ids, mask))

    def classify(self, ids: torch.Tensor, mask: torch.Tensor, first: torch.Tensor, second: torch.Tensor) -> torch.Tensor:
        """Stance logits (batch, 5) from [CLS] and the two entity markers at positions ``first``/``second``."""
        states = self.encode(ids, mask)
        rows = torch.arange(ids.shape[0], device=ids.device)
        joined = torch.cat([states[:, 0], states[rows, first], states[rows, second]], dim=-1)
        return self.stance(joined)


# checkpoint tensor name prefixes -> ours (the rest of each name, weight/bias, is shared)
_RENAMES = (
    ("embeddings.word_embeddings.", "word."),
    ("embeddings.position_embeddings.", "position."),
    ("embeddings.token_type_embeddings.", "token_type."),
    ("embeddings.LayerNorm.", "embedding_norm."),
    ("attention.self.query.", "query."),
    ("attention.self.key.", "key."),
    ("attention.self.value.", "value."),
    ("attention.output.dense.", "attention_out."),
    ("attention.output.LayerNorm.", "attention_norm."),
    ("intermediate.dense.", "intermediate."),
    ("output.dense.", "out."),
    ("output.LayerNorm.", "out_norm."),
)


def bert_name(name: str) -> str | None:
    """Our name for a BERT checkpoint tensor (``encoder.layer.3.attention.self.query.weight`` ->
    ``layers.3.query.weight``); None for tensors we do not use (the pooler, position ids)."""
    name = name.removeprefix("bert.")
    prefix = ""
    if name.startswith("encoder.layer."):
        number, name = name.removeprefix("encoder.layer.").split(".", 1)
        prefix = f"layers.{number}."
    for theirs, ours in _RENAMES:
        if name.startswith(theirs):
            return prefix + ours + name.removeprefix(theirs)
    return None


def from_pretrained(path: str) -> Encoder:
    """The encoder with a BERT checkpoint's weights (safetensors); the heads start fresh."""
    from safetensors.torch import load_file

    tensors = {ours: t for name, t in load_file(path).items() if (ours := bert_name(name))}
    model = Encoder()
    missing, unexpected = model.load_state_dict(tensors, strict=False)
    if unexpected or any(not name.startswith(("tagger.", "stance.")) for name in missing):
        raise ValueError(f"checkpoint does not fit: missing {missing}, unexpected {unexpected}")
    return model

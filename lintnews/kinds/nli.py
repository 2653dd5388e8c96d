"""Optional: check candidate sentence pairs with a local natural-language-inference model.

Off by default. Pairs come from ``facts.claims`` (sentences sharing content words, indexed by
lemma, so a long article is not compared pair by pair); each pair is classified by an NLI
model loaded from a local directory named in the rule's options (``model_dir``). Nothing is
ever downloaded: the model is loaded with ``local_files_only``. The optional dependency
(``transformers`` with ``torch``) is imported only when the rule runs; without it the rule
reports how to install it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from .base import Context, Finding, Kind, OptionError

INSTALL_HINT = ("the nli rule needs the optional dependency 'transformers' (with 'torch'): "
                "pip install transformers torch")
_MODELS: dict[str, Any] = {}   # model_dir -> (tokenizer, model, contradiction label index)


def load_model(model_dir: str) -> Any:
    """(tokenizer, model, contradiction index) for a local NLI model directory; cached."""
    if model_dir in _MODELS:
        return _MODELS[model_dir]
    try:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
    except ImportError as ex:
        raise RuntimeError(INSTALL_HINT) from ex
    path = Path(model_dir).expanduser()
    if not path.is_dir():
        raise RuntimeError(f"nli: model_dir {model_dir!r} is not a directory (a local NLI model "
                           f"such as a saved MNLI classifier; nothing is downloaded)")
    tok = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(str(path), local_files_only=True)
    model.eval()
    labels = {str(v).lower(): int(k) for k, v in model.config.id2label.items()}
    idx = next((i for name, i in labels.items() if name.startswith("contradict")), None)
    if idx is None:
        raise RuntimeError(f"nli: the model in {model_dir!r} has no 'contradiction' label "
                           f"(labels: {sorted(labels)})")
    _MODELS[model_dir] = (tok, model, idx)
    return _MODELS[model_dir]


class NliKind(Kind):
    """Pairs of sentences an NLI model reads as contradicting each other."""

    defaults = {
        "model_dir": "",          # a local directory holding a sequence-classification NLI model
        "threshold": 0.9,         # contradiction probability to report
        "min_shared": 3,          # content lemmas two sentences must share to be a candidate
        "min_jaccard": 0.25,      # and their content overlap
        "max_pairs": 200,         # per article, so a long article stays fast
        "batch_size": 16,
    }
    requires = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser", "ner"})

    def setup(self) -> None:
        if not 0 < self.options["threshold"] <= 1:
            raise OptionError(f"rule {self.rule.code}: option 'threshold' must be in (0, 1]")

    def pairs(self, ctx: Context) -> list[tuple[Any, Any]]:
        """Candidate (earlier, later) sentence pairs from the claims index."""
        claims = ctx.facts.claims
        out = []
        for s in claims.sentences:
            for j, shared in claims.candidates(s.index, self.options["min_shared"]):
                a = claims.sentences[j]
                union = len(a.content | s.content) or 1
                if shared / union >= self.options["min_jaccard"]:
                    out.append((a, s))
        out.sort(key=lambda p: -len(p[0].content & p[1].content))
        return out[: self.options["max_pairs"]]

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not self.options["model_dir"]:
            raise RuntimeError("nli: set the rule's 'model_dir' option to a local NLI model "
                               "directory (e.g. [tool.lintnews.rules.nli-contradiction] "
                               "model_dir = \"models/nli\")")
        pairs = self.pairs(ctx)
        if not pairs:
            return
        text = ctx.article.text
        bs = self.options["batch_size"]
        for k in range(0, len(pairs), bs):
            chunk = pairs[k:k + bs]
            probs = self.contradiction([text[a.start:a.end] for a, _ in chunk],
                                       [text[b.start:b.end] for _, b in chunk])
            for (a, b), p in zip(chunk, probs):
                if p >= self.options["threshold"]:
                    line = ctx.article.line_of(a.start)
                    yield Finding(b.start, _end(text, b.end),
                                  f"contradicts line {line}: {_clip(text[a.start:a.end])} "
                                  f"(NLI contradiction {p:.2f})",
                                  related=[(a.start, _end(text, a.end), "the other sentence")])

    def contradiction(self, premises: list[str], hypotheses: list[str]) -> list[float]:
        """Contradiction probability of each (premise, hypothesis) pair."""
        tok, model, idx = load_model(self.options["model_dir"])
        import torch

        enc = tok(premises, hypotheses, return_tensors="pt", padding=True, truncation=True)
        with torch.no_grad():
            return model(**enc).logits.softmax(-1)[:, idx].tolist()


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return "\u2018" + (text if len(text) <= n else text[:n - 1].rstrip() + "\u2026") + "\u2019"


def _end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end

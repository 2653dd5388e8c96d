"""Facts: what rules share, computed once per article and only when asked for.

``Facts`` has one typed property per fact; the first rule that reads one imports
its module (``lintnews/facts/<name>.py``) and calls its ``build(facts)``, and every
later rule gets the same object. Facts are read-only to kinds: whatever a fact
needs resolving (the ages of unnamed people, say) is done while building it. A
new fact is a module here with a ``build(facts)`` function plus a property below
(plug-ins may use ``facts.get("name")`` for a module of their own).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..article import Article
    from .acronyms import Acronyms
    from .ages import Ages
    from .claims import Claims
    from .dates import Dates
    from .names import Names
    from .numbers import Numbers
    from .quotes import Quotes
    from .spacing import SpacingGroup
    from .speakers import Speakers


class Facts:
    """Lazily computed, per-article shared analyses."""

    def __init__(self, article: "Article", doc: "Doc", settings: Any = None) -> None:
        self.article = article
        self.doc = doc
        self.settings = settings
        self._cache: dict[str, Any] = {}

    def get(self, name: str) -> Any:
        """The fact built by ``lintnews.facts.<name>.build``, built on first use."""
        if name not in self._cache:
            try:
                module = importlib.import_module(f"{__name__}.{name}")
            except ModuleNotFoundError as ex:
                if ex.name == f"{__name__}.{name}":
                    raise AttributeError(f"no fact family {name!r}") from None
                raise
            self._cache[name] = module.build(self)
        return self._cache[name]

    @property
    def names(self) -> "Names":
        """People and organisations: entity clusters, their mentions and word forms."""
        return self.get("names")

    @property
    def numbers(self) -> "Numbers":
        """Quantities: value, unit, scale, the noun they count, their sentence's actor and verb."""
        return self.get("numbers")

    @property
    def dates(self) -> "Dates":
        """Dates: explicit ones (with their weekday) and relative ones."""
        return self.get("dates")

    @property
    def quotes(self) -> "Quotes":
        """Direct quotations (paired per paragraph) and the marks that pair with nothing."""
        return self.get("quotes")

    @property
    def claims(self) -> "Claims":
        """Sentences as claim frames (subject, predicate, objects, names) for pairing them."""
        return self.get("claims")

    @property
    def speakers(self) -> "Speakers":
        """Each direct quotation with the speaker it is attributed to."""
        return self.get("speakers")

    @property
    def ages(self) -> "Ages":
        """People's stated ages and birth years, unnamed ones ("the 42-year-old") resolved."""
        return self.get("ages")

    @property
    def acronyms(self) -> "Acronyms":
        """Acronyms with their uses and definitions."""
        return self.get("acronyms")

    @property
    def spacing(self) -> "list[SpacingGroup]":
        """Capitalised names written with different spacing, hyphens or case."""
        return self.get("spacing")

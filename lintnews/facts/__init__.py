"""Facts: what rules share, computed once per article and only when asked for.

``Facts`` has one typed, documented attribute per fact; the first rule that reads one imports
its module (``lintnews/facts/<name>.py``) and calls its ``build(facts)``, and every
later rule gets the same object. Facts are read-only to kinds: whatever a fact
needs resolving (the ages of unnamed people, say) is done while building it. A
new fact is a module here with a ``build(facts)`` function plus a line in ``Facts``
(plug-ins may use ``facts.get("name")`` for a module of their own).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..article import Article
    from .acronyms import Acronyms
    from .ages import Ages
    from .claims import Claims
    from .dashes import Dash
    from .dates import Dates
    from .names import Names
    from .numbers import Numbers
    from .quotes import Quotes
    from .spacing import SpacingGroup
    from .speakers import Speakers


T = TypeVar("T")


class _Fact(Generic[T]):
    """A fact as a typed, documented attribute of Facts: built on first read, then shared."""

    def __init__(self, doc: str) -> None:
        self.__doc__ = doc
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, facts: None, owner: type) -> "_Fact[T]": ...

    @overload
    def __get__(self, facts: "Facts", owner: type) -> T: ...

    def __get__(self, facts: "Facts | None", owner: type) -> "T | _Fact[T]":
        return self if facts is None else facts.get(self.name)


class Facts:
    """Lazily computed, per-article shared analyses: one attribute per fact."""

    def __init__(self, article: "Article", doc: "Doc", settings: Any = None) -> None:
        self.article = article
        self.doc = doc
        self.settings = settings
        self._cache: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        # a plug-in's own fact module, read as facts.<name> (the built-in ones are below)
        if name.startswith("_"):
            raise AttributeError(name)
        return self.get(name)

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

    # the facts, each built by lintnews/facts/<name>.py the first time a rule reads it
    names = _Fact["Names"]("People and organisations: entity clusters, their mentions and word forms.")
    numbers = _Fact["Numbers"]("Quantities: value, unit, scale, the noun they count, their sentence's actor and verb.")
    dates = _Fact["Dates"]("Dates: explicit ones (with their weekday) and relative ones.")
    quotes = _Fact["Quotes"]("Direct quotations (paired per paragraph) and the marks that pair with nothing.")
    claims = _Fact["Claims"]("Sentences as claim frames (subject, predicate, objects, names) for pairing them.")
    speakers = _Fact["Speakers"]("Each direct quotation with the speaker it is attributed to.")
    ages = _Fact["Ages"]("People's stated ages and birth years, unnamed ones ('the 42-year-old') resolved.")
    acronyms = _Fact["Acronyms"]("Acronyms with their uses and definitions.")
    spacing = _Fact["list[SpacingGroup]"]("Capitalised names written with different spacing, hyphens or case.")
    dashes = _Fact["list[Dash]"]("Dashes used as punctuation, each spaced or closed up.")

"""The interface every kind implements, and what a check is given."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterable

from ..article import Article
from ..budget import Budget
from ..facts import Facts

if TYPE_CHECKING:  # spaCy is only imported when a check really runs
    from spacy.tokens import Doc


@dataclass
class Finding:
    """What a check reports, in text offsets of ``Article.text``.

    ``related`` holds (start, end, message) for the other side of a conflict;
    ``fix`` holds (start, end, replacement) edits, also in text offsets;
    ``fix_safe`` False offers that one fix as unsafe (applied only with
    ``--unsafe-fixes``) where it may be wrong (a name, a quotation, a guess).
    """

    start: int
    end: int
    message: str
    related: list[tuple[int, int, str]] = field(default_factory=list)
    fix: list[tuple[int, int, str]] | None = None
    fix_message: str = ""
    fix_safe: bool = True
    code: str | None = None  # set by the engine


@dataclass
class Settings:
    """Run-wide settings a check may consult."""

    known_acronyms: frozenset[str] = frozenset()
    date: Any = None  # datetime.date given by --date
    vocabulary: Any = None  # the newsroom's Vocabulary (lintnews.vocabulary), if the config names one


@dataclass
class Context:
    """Everything a check may read about one article."""

    article: Article
    doc: "Doc"
    facts: Facts
    settings: Settings
    budget: Budget = field(default_factory=Budget)  # kinds with long loops call budget.check()


class OptionError(ValueError):
    """A rule option that a kind does not accept."""


class Kind:
    """Base class: subclass, set ``defaults`` and ``requires``, implement ``check``.

    ``requires`` names the spaCy pipes the check reads (tagger, parser, ner,
    lemmatizer, attribute_ruler); the engine runs only the pipes some selected
    rule requires. ``literal`` marks checks whose findings are about adjacent
    characters (see ``Article.contiguous``).
    """

    defaults: ClassVar[dict[str, Any]] = {}
    requires: ClassVar[frozenset[str]] = frozenset()
    # True for checks of the characters themselves (spacing, doubled words): the engine
    # drops their findings over junctions that exist only in the extracted text
    # ("The ![chart](c.png) shows" is not "The  shows" in the source).
    literal: ClassVar[bool] = False

    def __init__(self, rule: Any, options: dict[str, Any] | None = None) -> None:
        self.rule = rule
        opts = dict(self.defaults)
        for key, value in (options if options is not None else rule.options).items():
            if key not in self.defaults:
                known = ", ".join(sorted(self.defaults)) or "none"
                raise OptionError(f"rule {rule.code} {rule.name}: unknown option {key!r} "
                                  f"(options of kind {rule.kind}: {known})")
            default = self.defaults[key]
            if default is not None and not _compatible(value, default):
                raise OptionError(f"rule {rule.code} {rule.name}: option {key!r} must be "
                                  f"{type(default).__name__}, got {value!r}")
            opts[key] = value
        self.options = opts
        self.setup()

    def setup(self) -> None:
        """Validate and precompute from ``self.options`` (called once per rule)."""

    def check(self, ctx: Context) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError


def _compatible(value: Any, default: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))

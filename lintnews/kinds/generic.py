"""Generic kinds: a newsroom writes its house style in YAML with these, no Python.

- ``phrase``: word lists with suggested replacements (spaCy PhraseMatcher)
- ``pattern``: spaCy Matcher token patterns
- ``variants``: several forms of one term in one article; the first form used
  sets the article's choice and later other forms are flagged
- ``regex``: a user regex run with a timeout so a bad pattern cannot hang a run
"""
from __future__ import annotations

import re
from typing import Any, Iterable

import regex as _regex

from .base import Context, Finding, Kind, OptionError


def _fmt(template: str, **values: Any) -> str:
    """``str.format`` that leaves unknown placeholders alone."""
    class _Safe(dict):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"
    return template.format_map(_Safe(values))


class _VocabCached(Kind):
    """Builds its matcher once per spaCy vocabulary."""

    def matcher(self, ctx: Context) -> Any:
        vocab = ctx.doc.vocab
        cached = getattr(self, "_matcher", None)
        if cached is None or cached[0] is not vocab:
            self._matcher = (vocab, self.build_matcher(vocab))
        return self._matcher[1]

    def build_matcher(self, vocab: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


class PhraseKind(_VocabCached):
    """Flags listed phrases; ``phrases`` maps each phrase to a replacement or null."""

    defaults = {
        "phrases": None,
        "attr": "LOWER",
        "message": "'{match}' is a cliché",
        "replacement_message": "'{match}': prefer '{replacement}'",
        "fix": False,
    }

    def setup(self) -> None:
        phrases = self.options["phrases"]
        if isinstance(phrases, list):
            phrases = {p: None for p in phrases}
        if not isinstance(phrases, dict) or not phrases:  # None or empty
            raise OptionError(f"rule {self.rule.code}: option 'phrases' must be a non-empty "
                              f"mapping of phrase -> replacement (or a list)")
        self.phrases = {str(k): (None if v is None else str(v)) for k, v in phrases.items()}
        self.lookup = {k.lower(): v for k, v in self.phrases.items()}
        if self.options["attr"] not in ("LOWER", "ORTH", "LEMMA", "NORM"):
            raise OptionError(f"rule {self.rule.code}: option 'attr' must be LOWER, ORTH, NORM or LEMMA")
        self.requires = frozenset({"tagger", "attribute_ruler", "lemmatizer"}) \
            if self.options["attr"] == "LEMMA" else frozenset()

    def build_matcher(self, vocab: Any) -> Any:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        m = PhraseMatcher(vocab, attr=self.options["attr"])
        patterns = []
        for phrase in self.phrases:
            words = re.findall(r"\w+(?:[-'’]\w+)*|[^\w\s]", phrase)
            patterns.append(Doc(vocab, words=words, spaces=[True] * len(words)))
        m.add(self.rule.code, patterns)
        return m

    def check(self, ctx: Context) -> Iterable[Finding]:
        doc = ctx.doc
        spans = [doc[s:e] for _, s, e in self.matcher(ctx)(doc)]
        spans.sort(key=lambda sp: (sp.start, -len(sp)))
        last_end = -1
        for span in spans:
            if span.start < last_end:  # keep the longest match at each place
                continue
            last_end = span.end
            key = " ".join(t.lower_ for t in span)
            replacement = self.lookup.get(key)
            if replacement is None:
                replacement = next((v for k, v in self.lookup.items()
                                    if re.sub(r"\s+", " ", k) == key), None)
            template = self.options["replacement_message"] if replacement else self.options["message"]
            finding = Finding(span.start_char, span.end_char,
                              _fmt(template, match=span.text, replacement=replacement or ""))
            if replacement is not None and self.options["fix"]:
                finding.fix = [(span.start_char, span.end_char, replacement)]
                finding.fix_message = f"replace with '{replacement}'"
            yield finding


class PatternKind(_VocabCached):
    """spaCy Matcher patterns: ``patterns`` is a list of token-pattern lists."""

    defaults = {"patterns": [], "message": "'{match}'", "requires": []}

    def setup(self) -> None:
        pats = self.options["patterns"]
        if not pats or not all(isinstance(p, list) for p in pats):
            raise OptionError(f"rule {self.rule.code}: option 'patterns' must be a list of "
                              f"token-pattern lists")
        self.requires = frozenset(self.options["requires"]) or frozenset(
            {"tagger", "attribute_ruler", "lemmatizer", "parser"})

    def build_matcher(self, vocab: Any) -> Any:
        from spacy.matcher import Matcher

        m = Matcher(vocab)
        try:
            m.add(self.rule.code, self.options["patterns"])
        except Exception as ex:  # spaCy's own validation message
            raise OptionError(f"rule {self.rule.code}: invalid Matcher pattern: {ex}") from None
        return m

    def check(self, ctx: Context) -> Iterable[Finding]:
        doc = ctx.doc
        from spacy.util import filter_spans

        spans = filter_spans([doc[s:e] for _, s, e in self.matcher(ctx)(doc)])
        for span in spans:
            yield Finding(span.start_char, span.end_char, _fmt(self.options["message"], match=span.text))


def form_regex(form: str, ignore_case: bool) -> "re.Pattern[str]":
    """A regex for one form, with word boundaries only where the form has word edges."""
    body = re.escape(form).replace(r"\ ", r"\s+")
    pre = r"(?<![\w.])" if form[:1].isalnum() else ""
    post = r"(?![\w])" if form[-1:].isalnum() else (r"(?!\w)" if form.endswith(".") else "")
    return re.compile(pre + body + post, re.I if ignore_case else 0)


class VariantsKind(Kind):
    """Several forms of one term in one article: the first one used is the article's choice.

    ``sets`` is a list; each item is a list of forms, or a mapping with ``forms``
    and ``ignore_case`` (default false: "US" and "us" are different words).
    """

    defaults = {
        "sets": [],
        "message": "'{match}' here, but the article first writes '{first}' (line {line})",
        "fix": False,
    }

    def setup(self) -> None:
        self.sets: list[list[tuple[str, re.Pattern[str]]]] = []
        for item in self.options["sets"]:
            if isinstance(item, dict):
                forms, ic = item.get("forms") or [], bool(item.get("ignore_case", False))
            else:
                forms, ic = item, False
            if not isinstance(forms, list) or len(forms) < 2:
                raise OptionError(f"rule {self.rule.code}: each variant set needs two or more forms")
            self.sets.append([(str(f), form_regex(str(f), ic)) for f in forms])

    def occurrences(self, ctx: Context) -> list[list[tuple[int, int, str]]]:
        """Per set, every (start, end, form) found, in text order."""
        text = ctx.article.text
        out = []
        for forms in self.sets:
            hits = []
            for form, rx in forms:
                hits.extend((m.start(), m.end(), form) for m in rx.finditer(text))
            hits.sort()
            kept, last = [], -1  # overlapping forms: the earlier, longer one wins
            for h in hits:
                if h[0] >= last:
                    kept.append(h)
                    last = h[1]
            out.append(kept)
        return out

    def check(self, ctx: Context) -> Iterable[Finding]:
        art = ctx.article
        for hits in self.occurrences(ctx):
            if len({h[2] for h in hits}) < 2:
                continue
            first = hits[0]
            for s, e, form in hits:
                if form == first[2]:
                    continue
                msg = _fmt(self.options["message"], match=art.text[s:e], first=art.text[first[0]:first[1]],
                           line=art.line_of(first[0]))
                f = Finding(s, e, msg, related=[(first[0], first[1], f"first written '{first[2]}' here")])
                if self.options["fix"]:
                    f.fix = [(s, e, first[2])]
                    f.fix_message = f"write '{first[2]}'"
                yield f


class RegexKind(Kind):
    """A user regex (the ``regex`` module), run with a timeout.

    ``group`` (a number or a name) selects what is flagged; ``replacement`` (a
    template using ``\\1`` or ``\\g<name>``) offers a fix. Both are checked
    against the pattern's groups when the rule loads.
    """

    defaults = {"pattern": "", "ignore_case": False, "message": "'{match}'", "group": None,
                "timeout": 1.0, "replacement": ""}

    def setup(self) -> None:
        flags = _regex.V1 | (_regex.I if self.options["ignore_case"] else 0)
        try:
            self.rx = _regex.compile(self.options["pattern"], flags)
        except _regex.error as ex:
            raise OptionError(f"rule {self.rule.code}: invalid regex: {ex}") from None
        if not self.options["pattern"]:
            raise OptionError(f"rule {self.rule.code}: option 'pattern' is required")
        if self.options["group"] is None:
            self.options["group"] = 0
        self._check_group(self.options["group"], "option 'group'")
        if self.options["replacement"]:
            self._check_template(self.options["replacement"])
        if not self.options["timeout"] > 0:
            raise OptionError(f"rule {self.rule.code} {self.rule.name}: option 'timeout' must be more "
                              f"than 0 seconds")

    def _check_group(self, group: Any, what: str) -> None:
        """A group the pattern does not have would fail on every file: refuse it now."""
        rx, code = self.rx, self.rule.code
        if isinstance(group, bool) or not isinstance(group, (int, str)):
            raise OptionError(f"rule {code} {self.rule.name}: {what} must be a group number or name, "
                              f"got {group!r}")
        if isinstance(group, int) and not 0 <= group <= rx.groups:
            raise OptionError(f"rule {code} {self.rule.name}: {what}: the pattern has no group {group} "
                              f"(it has {rx.groups})")
        if isinstance(group, str) and group not in rx.groupindex:
            names = ", ".join(sorted(rx.groupindex)) or "none"
            raise OptionError(f"rule {code} {self.rule.name}: {what}: the pattern has no group named "
                              f"{group!r} (named groups: {names})")

    def _check_template(self, template: str) -> None:
        """Expand ``template`` against an empty match of a pattern with the same groups:
        a bad escape or a missing group fails here, once, instead of on every file."""
        rx = self.rx
        names = {i: n for n, i in rx.groupindex.items()}
        probe = _regex.compile("".join(f"(?P<{names[i]}>)" if i in names else "()"
                                       for i in range(1, rx.groups + 1)))
        try:
            probe.match("").expand(template)
        except Exception as ex:  # regex.error, IndexError ("no such group"), ...
            raise OptionError(f"rule {self.rule.code} {self.rule.name}: option 'replacement' "
                              f"{template!r}: {ex}") from None

    def check(self, ctx: Context) -> Iterable[Finding]:
        group = self.options["group"]
        found = []
        try:
            for m in self.rx.finditer(ctx.article.text, timeout=float(self.options["timeout"])):
                if m.start(group) < 0 or m.end(group) <= m.start(group):
                    continue
                found.append(m)
        except TimeoutError:
            raise TimeoutError(f"regex timed out after {self.options['timeout']}s "
                               f"(pattern {self.options['pattern']!r})") from None
        for m in found:
            f = Finding(m.start(group), m.end(group), _fmt(self.options["message"], match=m.group(group)))
            if self.options["replacement"]:
                f.fix = [(m.start(group), m.end(group), m.expand(self.options["replacement"]))]
                f.fix_message = "apply the suggested replacement"
            yield f

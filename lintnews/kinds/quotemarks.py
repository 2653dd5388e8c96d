"""Quotation checks: marks never closed (W201) and quotes with no speaker (W304)."""
from __future__ import annotations

import re
from typing import Iterable

from ..facts.quotes import CLOSERS, OPENERS, direction
from .base import Context, Finding, Kind

PAIRS = {"(": ")", "[": "]"}
CLOSING = {v: k for k, v in PAIRS.items()}
# "a)" "1)" "iv)" list markers and ":)" smileys are not brackets.
_LIST_MARKER = re.compile(r"(?:^|(?<=[\s(]))(?:[a-zA-Z]|\d{1,2}|[ivx]{1,4})\)")
_SMILEY = re.compile(r"[:;]-?[()\[\]]")


def unmatched_brackets(text: str, start: int, end: int) -> list[int]:
    """Offsets of parentheses and square brackets in ``text[start:end]`` without a partner."""
    markers = {m.end() - 1 for m in _LIST_MARKER.finditer(text, start, end)}
    skip: set[int] = set()
    for m in _SMILEY.finditer(text, start, end):
        skip.update(range(m.start(), m.end()))
    stack: list[int] = []
    open_count = {ch: 0 for ch in PAIRS}  # openers of each kind on the stack, kept in step
    bad: list[int] = []
    for i in range(start, end):
        ch = text[i]
        if i in skip:
            continue
        if ch in PAIRS:
            stack.append(i)
            open_count[ch] += 1
        elif ch in CLOSING:
            if i in markers and not open_count["("]:
                continue  # "a)" "2)" list markers close nothing
            if open_count[CLOSING[ch]]:
                while text[stack[-1]] != CLOSING[ch]:  # the inner opener was never closed
                    bad.append(stack.pop())
                    open_count[text[bad[-1]]] -= 1
                stack.pop()
                open_count[CLOSING[ch]] -= 1
            else:
                bad.append(i)
    return sorted(bad + stack)


class UnbalancedQuotesKind(Kind):
    """A double quotation mark, parenthesis or bracket without a partner in its paragraph."""

    defaults = {"brackets": True}

    def check(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.article.text
        quotes = ctx.facts.quotes
        for i in quotes.unmatched:
            mark = text[i]
            opens = _opens(text, i)
            if opens:
                snippet = _snippet(text, i + 1)
                msg = f"this {mark} opens a quotation that is never closed in its paragraph" + \
                    (f" (\"{snippet}...\")" if snippet else "")
            else:
                msg = f"this {mark} closes a quotation that was never opened in its paragraph"
            yield Finding(i, i + 1, msg)
        if not self.options["brackets"]:
            return
        for ps, pe in ctx.article.paragraphs:
            for i in unmatched_brackets(text, ps, pe):
                ch = text[i]
                if ch in PAIRS:
                    msg = f"'{ch}' is never closed with '{PAIRS[ch]}' in its paragraph"
                else:
                    msg = f"'{ch}' closes a '{CLOSING[ch]}' that was never opened in its paragraph"
                yield Finding(i, i + 1, msg)


def _opens(text: str, i: int) -> bool:
    """Whether the stray mark at ``i`` reads as an opening mark."""
    ch = text[i]
    if ch in OPENERS:
        return True
    if ch in CLOSERS:
        return False
    return direction(text, i) != "close"


def _snippet(text: str, start: int, words: int = 5) -> str:
    """The first few words after ``start`` on its line."""
    seg = text[start:start + 80].split("\n")[0]
    return " ".join(seg.split()[:words])


# ---------------------------------------------------------------------------------------
# W304 unattributed quote
# ---------------------------------------------------------------------------------------

SPEECH_VERBS = {"say", "tell", "add", "claim", "explain", "insist", "argue", "warn", "state", "ask",
                "write", "note", "continue", "declare", "announce", "reply", "respond", "answer",
                "admit", "acknowledge", "comment", "suggest", "stress", "emphasise", "emphasize",
                "believe", "think", "describe", "call", "quote", "conclude", "recall", "predict",
                "agree", "complain", "joke", "confirm", "deny", "maintain", "urge", "remark",
                "observe", "point", "put", "tweet", "post", "reckon", "concede", "caution",
                "boast", "vow", "laugh", "smile", "sigh", "shrug", "pledge", "promise", "exclaim", "shout", "whisper", "report"}


class UnattributedQuoteKind(Kind):
    """A full-sentence quotation with no speaker in its sentence or the ones beside it."""

    defaults = {"min_words": 5}
    requires = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser", "ner"})

    def check(self, ctx: Context) -> Iterable[Finding]:
        text, doc = ctx.article.text, ctx.doc
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]
        import bisect

        attributed = [_has_speaker(s) for s in sents]
        prev_ok: tuple[int, bool] | None = None  # (sentence index, attributed) of the last quotation
        for q in ctx.facts.quotes.quotes:
            s, e = q.inner
            inner = text[s:e].strip()
            i = bisect.bisect_right(starts, q.start) - 1
            j = bisect.bisect_right(starts, max(q.start, q.end - 1)) - 1
            lo, hi = max(0, i - 1), min(len(sents) - 1, j + 1)
            ok = any(attributed[k] for k in range(lo, hi + 1)) \
                or bool(re.search(r":\s*$", text[max(0, q.start - 3):q.start]))  # 'Smith: "..."'
            # the speaker of a quotation carries on to the next one two sentences away or less
            if not ok and prev_ok is not None and prev_ok[1] and i - prev_ok[0] <= 2:
                ok = True
            prev_ok = (j, ok)
            if ok or not q.closed:
                continue
            if len(inner.split()) < self.options["min_words"] or not inner[:1].isupper() \
                    or not re.search(r"[.!?,…]['’]?$", inner):
                continue  # a phrase, title or scare quote, not a statement
            yield Finding(q.start, q.end, f"no speaker for the quotation \"{' '.join(inner.split()[:6])}...\" "
                          f"in its sentence or the ones beside it")


def _has_speaker(sent) -> bool:
    """True when the sentence has a speech verb with a subject, or names a speaker."""
    for tok in sent:
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in tok.children):
                return True
        if tok.lower_ in ("according",):
            return True
    return False

"""C105 dashes (spaced and closed up, typed and typeset) and the dashes fact behind it."""
from __future__ import annotations

from conftest import lint
from lintnews.facts.dashes import dashes


def c105(text: str) -> list:
    return [d for d in lint(text, "C105") if d.code == "C105"]


def test_dashes_fact_reads_punctuation_not_ranges_compounds_or_datelines():
    text = ("BUDAPEST, March 2 - The 1990–95 Anglo–French deal — signed—held; it ended 9 - 5, "
            "the well-known firm -- once small -- grew.")
    assert [(text[d.start:d.end], d.spaced) for d in dashes(text)] == [
        (" — ", True), ("—", False), (" -- ", True), (" -- ", True)]


def test_a_mix_of_dashes_is_one_finding_with_the_other_style_related():
    text = ("The plan — the first — failed.\n\nThe deal—signed in May—held.\n\n"
            "The vote - held on Sunday - was close. The bid—a late one—won.")
    (d,) = c105(text)  # spaced and closed up, and typed beside typeset: one finding
    assert d.text == " — " and d.line == 1 and "closed-up dash (4 to 2" in d.message
    assert d.related[0].location.line == 3 and d.fix is None


def test_dashes_inside_quotations_are_the_speakers():
    assert c105('The plan — the first — failed. "We tried - we really did - and lost," he said.') == []


def test_typed_beside_typeset_dashes_only_when_the_newsroom_asks():
    text = "The plan – the first – failed. The deal - signed in May - held."
    assert c105(text) == []
    (d,) = [d for d in lint(text, "C105", options=(("style-mix", (("typed_dashes", True),)),)) if d.code == "C105"]
    assert d.text == " - " and "typed dash" in d.message

"""C104 open_compounds (off by default): a compound hyphenated in one place and written as
two words in another, where both do the same job (both modify a noun, or both are one)."""
from __future__ import annotations

import pytest

from conftest import SPAN, lint, strip_marks

ON = (("term-variant", (("open_compounds", True),)),)


def flagged(text: str, on: bool = True) -> list[str]:
    return [d.text for d in lint(text, "C104", options=ON if on else ()) if d.code == "C104"]


@pytest.mark.parametrize("marked", [
    "The bank made a half-point cut in May. A second [[half point]] cut followed in June.",
    "Rates fell by a half-point on Monday. They fell by a [[half point]] again on Friday.",
    "Police began a full-scale search. A second [[full scale]] operation followed at dawn.",
    "The city runs real time bus signs, and [[real-time]] train boards are next.",
    "Hospitals tested open source software, and more [[open-source]] tools will follow.",
    "Nurses on the front-line wards were praised. All [[front line]] staff will get a bonus.",
    "The cross-border trade fell. The [[cross border]] checks were blamed.",
    "The top-flight clubs voted. Several [[top flight]] managers objected.",
    "The council approved a one-way system. Drivers complained about the [[one way]] system in May.",
    "The long-haul flights were cancelled. Some [[long haul]] routes will return next year.",
])
def test_same_job_two_ways_is_flagged(marked):
    text, spans = strip_marks(marked)
    assert flagged(text) == [text[s:e] for s, e in spans]
    assert flagged(text, on=False) == []  # off unless the newsroom turns it on


@pytest.mark.parametrize("text", [
    "He is a well-known author. He is well known in the town.",
    "The follow-up letter was sent on Monday. Officials will follow up next week.",
    "The long-term plan is set. It will help in the long term.",
    "The part-time staff voted. Many of them work part time.",
    "She wrote a best-selling novel. It was the best selling point of the deal.",
    "The check-in desk opened at six. Passengers had to check in early.",
    "The bank made a half-point cut. It was the half point of the season.",
    "It was a low-cost airline. The low cost of fuel helped.",
    "The hard-working staff were thanked. The staff were working hard all night.",
    "A short-term loan was agreed. In the short term, prices will rise.",
])
def test_different_jobs_pass(text):
    assert flagged(text) == []

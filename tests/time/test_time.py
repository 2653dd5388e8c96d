"""Dates: C301 weekday-date in every common news form, C302, C303."""
from __future__ import annotations

import pytest

from tests.conftest import lint


def codes(text: str, code: str, **kw) -> list:
    return [d for d in lint(text, code, **kw) if d.code == code]


@pytest.mark.parametrize("text,flagged", [
    ("The vote was on Tuesday, 4 March 2004.", "Tuesday, 4 March 2004"),
    ("The vote was on Tuesday, March 4, 2004.", "Tuesday, March 4, 2004"),
    ("The vote was on Tuesday 4 March 2004.", "Tuesday 4 March 2004"),
    ("The vote was on Monday 4th March 2004.", "Monday 4th March 2004"),
    ("The vote was on Tuesday, the 4th of March 2004.", "Tuesday, the 4th of March 2004"),
])
def test_weekday_date_forms(text, flagged):
    found = codes(text, "C301")
    assert [d.text for d in found] == [flagged]
    assert "4 March 2004 was a Thursday" in found[0].message


def test_weekday_without_year_uses_article_date():
    text = "The figures were released on Tuesday (4 March)."
    assert codes(text, "C301") == []            # no year anywhere: nothing to go on
    found = codes(text, "C301", date="2004-03-10")
    assert [d.text for d in found] == ["Tuesday (4 March)"]


def test_weekday_without_year_uses_nearby_years_and_the_next():
    text = "Sales rose in 2004.\n\nThe figures come out on Wednesday (15 July)."
    found = codes(text, "C301")
    assert found and "2004" in found[0].message and "2005" in found[0].message
    # right in 2005 (the year after the one mentioned): not flagged
    assert codes("Sales rose in 2004.\n\nThe figures come out on Friday (15 July).", "C301") == []


def test_weekday_date_right_is_quiet():
    assert codes("It was held on Thursday, 4 March 2004 and Friday, March 5, 2004.", "C301") == []


def test_date_conflict_same_weekday_two_dates():
    text = ("The vote was held on Thursday, 4 March 2004.\n\n"
            "MPs voted on Thursday, 6 March 2004 to back the plan.")
    found = codes(text, "C302")
    assert len(found) == 1 and found[0].line == 3


def test_relative_date_only_without_anchor():
    text = "Profits rose last year. The board met on Tuesday."
    found = codes(text, "C303")
    assert len(found) == 1 and "1 more" in found[0].message
    assert codes(text, "C303", date="2005-01-01") == []


def test_date_conflict_one_event_two_dates():
    text = ("Parliament will vote on the bill on 4 March 2004.\n\n"
            "Critics say Parliament will vote on the bill on 6 March 2004.")
    found = codes(text, "C302")
    assert [d.text for d in found] == ["6 March 2004"]
    # two events of one kind are not one event
    assert codes("The team will play Spain on 4 March 2004.\n\n"
                 "The team will play France on 10 March 2004.", "C302") == []


def test_today_programme_is_not_a_relative_date():
    assert codes("The minister told BBC Radio 4's Today programme he would stay.", "C303") == []


def test_front_matter_date_anchors_weekday_and_silences_relative_dates():
    text = ("---\ntitle: Test\ndate: 2004-03-10\n---\n\n"
            "The figures were released on Tuesday (4 March). Profits rose last year.\n")
    found = lint(text, "C301", "C303", name="story.md")
    assert [(d.code, d.text) for d in found] == [("C301", "Tuesday (4 March)")]


def test_weekday_written_after_the_date():
    found = codes("Talks opened on 4 March 2004, a Tuesday, in Leeds.", "C301")
    assert [d.text for d in found] == ["4 March 2004, a Tuesday"]
    assert [d.text for d in codes("Talks opened on 4 March 2004 (Tuesday) in Leeds.", "C301")] == [
        "4 March 2004 (Tuesday)"]
    assert codes("Talks opened on 4 March 2004, a Thursday, in Leeds.", "C301") == []
    # "a Tuesday night" names another time, not the date's weekday
    assert codes("It rained on 4 March 2004, a Tuesday night to forget.", "C301") == []


def test_numeric_date_with_a_weekday_that_fits_neither_reading():
    assert [d.text for d in codes("Talks opened on Tuesday 4/3/2004 in Leeds.", "C301")] == [
        "Tuesday 4/3/2004"]
    # 4 March 2004 was a Thursday, 3 April 2004 a Saturday: either reading may be meant
    assert codes("Talks opened on Thursday 4/3/2004 in Leeds.", "C301") == []
    assert codes("Talks opened on Saturday 4/3/2004 in Leeds.", "C301") == []


def test_weekday_dates_that_agree_on_a_year_set_it():
    # the article mentions only past years; its own weekday-dates agree on 2026
    text = ("In 2024 she lost the race.\n\nVote today, Friday, February 27, or on Election Day, "
            "Tuesday, March 3.")
    assert codes(text, "C301") == []
    wrong = text.replace("Tuesday, March 3", "Tuesday, March 3, and Saturday, March 8")
    found = codes(wrong, "C301")
    assert [d.text for d in found] == ["Saturday, March 8"] and "2026" in found[0].message


# 17 September 2024 was a Tuesday: American, abbreviated and ordinal forms are read like British ones
@pytest.mark.parametrize("written", [
    "{w}, September 17, 2024", "{w} September 17, 2024", "{w}, Sept. 17, 2024", "{w}, Sep 17, 2024",
    "{w3}., Sept. 17, 2024", "{w}, September 17", "{w} Sept 17", "{w}, September 17th",
    "{w}, the 17th of September", "{w} the 17th of September 2024", "{w}, 17 Sept 2024",
    "{w} 17th September", "{w} (September 17)", "September 17, 2024, a {w}", "{w} night, September 17",
    "{w} morning, Sept. 17th",
])
def test_weekday_date_american_abbreviated_and_ordinal_forms(written):
    text = "The agency said in 2024 that the plan would take effect soon.\n\nThe vote is on {}, it said."
    wrong = [d for d in lint(text.format(written.format(w="Thursday", w3="Thu")), "C301") if d.code == "C301"]
    right = [d for d in lint(text.format(written.format(w="Tuesday", w3="Tue")), "C301") if d.code == "C301"]
    assert len(wrong) == 1 and "a Thursday" in wrong[0].message and right == []


@pytest.mark.parametrize("first,second", [
    ("on 17 September", "on 19 September"), ("on Sept. 17", "on Sept. 19"), ("on Sep 17th", "on Sep 19th"),
])
def test_one_event_two_dates_without_a_year(first, second):
    text = (f"The assembly will vote on the budget {first}.\n\n"
            f"Aides said the assembly will vote on the budget {second}.")
    found = [d for d in lint(text, "C302") if d.code == "C302"]
    assert len(found) == 1 and found[0].line == 3


def test_dates_without_a_year_same_day_as_a_dated_one_quiet():
    text = ("In 2024 the assembly met often.\n\nThe assembly will vote on the budget on Sept. 17.\n\n"
            "Aides said the assembly will vote on the budget on Sept. 17, 2025.")
    assert [d for d in lint(text, "C302") if d.code == "C302"] == []

"""Build seeds/island-ferry.docx, the Word seed article, with python-docx.

    python seeds/make_docx.py            # writes seeds/island-ferry.docx
    python seeds/make_docx.py OUT.docx   # writes it elsewhere (the tests do)

The .docx is checked in (it is small); tests/test_docx.py rebuilds it and checks that
the checked-in file has the same paragraphs and styles, so edit this script and run it
rather than editing the .docx by hand. Findings: island-ferry.docx.expected (line =
paragraph number, empty paragraphs counted, tables not).

Besides ordinary paragraphs it holds what a reporter's draft holds: a Title, a
subheading, a tab, a soft line break (Shift+Enter), a hyperlink, a tracked insertion and
a tracked deletion, a comment, a table and a suppression directive; the table and the
comment each hold a slip that must not be reported (they are not prose).
"""
from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

HERE = Path(__file__).resolve().parent
OUT = HERE / "island-ferry.docx"
AUTHOR = 'w:author="Desk" w:date="2005-04-12T09:00:00Z"'


def _run_xml(text: str, tag: str = "w:t") -> str:
    return f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def add_tracked(paragraph, before: str, inserted: str, deleted: str, after: str) -> None:
    """``before`` [inserted] [deleted] ``after``: a tracked insertion and a tracked deletion."""
    paragraph.add_run(before)
    paragraph._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" {AUTHOR}>{_run_xml(inserted)}</w:ins>'))
    paragraph._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" {AUTHOR}>'
                                  f'{_run_xml(deleted, "w:delText")}</w:del>'))
    paragraph.add_run(after)


def add_hyperlink(paragraph, url: str, text: str) -> None:
    rid = paragraph.part.relate_to(url, docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    paragraph._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}">{_run_xml(text)}</w:hyperlink>'))


def build(out: Path = OUT) -> Path:
    d = docx.Document()
    d.core_properties.title = "Island ferry"
    d.core_properties.author = "lintnews seeds"
    d.add_paragraph("Island ferry to sail twice a day from May", style="Title")          # 1
    d.add_paragraph("The ferry between Portmore and the island of Sula will sail twice a day "
                    "from May, its operator said on Tuesday, 12 April 2005, ending ten years "
                    "of a single daily crossing.")                                        # 2
    d.add_paragraph()                                                                    # 3: empty
    p = d.add_paragraph("Captain Ellen Marsh, 47, who has skippered the boat since 1999, said "
                        "the new timetable would give islanders a hourly link at peak times.")  # 4
    p = d.add_paragraph("The operator said the second sailing would cost £1.2m a year.\t"
                        "It will be paid for by the the island council and the ferry's owners.")  # 5
    p = d.add_paragraph("The 49-year-old captain said passengers had asked for the change for "
                        "years.")                                                          # 6
    p.add_run().add_break()  # a soft line break: still paragraph 6
    p.add_run("\u201cThey wanted a boat in the evening,\u201d she said.")
    d.add_paragraph("Background", style="Heading 2")                                     # 7
    p = d.add_paragraph("The timetable, first proposed on Thursday, 4 March 2005, is set out on ")  # 8
    add_hyperlink(p, "https://example.org/sula-ferry", "the operator's website")
    p.add_run(".")
    table = d.add_table(rows=2, cols=2)  # not prose: not a line, and its slip is not reported
    table.cell(0, 0).text = "Sailing"
    table.cell(0, 1).text = "Depart"
    table.cell(1, 0).text = "Morning"
    table.cell(1, 1).text = "a early 07:30 the the"
    p = d.add_paragraph()                                                                # 9
    add_tracked(p, "Fares will ", "stay at at £14 for adults", " rise to the the £16", ", the operator said.")
    d.add_paragraph("<!-- lintnews-disable-next-line W101 -- the brand is spelt this way -->")  # 10
    d.add_paragraph("Tickets are sold at a Unst Ferries kiosk on the pier.")             # 11
    p = d.add_paragraph("Islanders will be asked for their views at a meeting on Monday.")  # 12
    if hasattr(d, "add_comment"):  # python-docx >= 1.2: a comment is not prose
        d.add_comment(p.runs, text="Check this: a error in the the date?", author="Desk", initials="D")
    d.save(out)
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))

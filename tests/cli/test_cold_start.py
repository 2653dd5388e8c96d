"""Cold start: a command imports only what it needs. `--version`, `rules`, `explain` and a
cache hit never import spaCy; a check imports textacy's acronym module alone, never the
rest of textacy (scikit-learn, SciPy, NetworkX) and never the language server."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import REPO

PROBE = (
    "import sys\n"
    "from lintnews.cli import main\n"
    "sys.argv = ['lintnews', *sys.argv[1:]]\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "tops = sorted({m.split('.')[0] for m in sys.modules})\n"
    "sys.stderr.write('MODULES=' + ' '.join(tops) + ' ' + ' '.join(m for m in sys.modules if m.startswith('textacy')))\n"
)


def modules_after(cwd, *args: str) -> tuple[set[str], str]:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=180, stdin=subprocess.DEVNULL)
    assert "MODULES=" in proc.stderr, proc.stderr
    return set(proc.stderr.rsplit("MODULES=", 1)[1].split()), proc.stdout


@pytest.mark.parametrize("args", [["--version"], ["rules"], ["explain", "C103"]])
def test_commands_that_read_no_article_import_no_spacy(tmp_path, args):
    modules, out = modules_after(tmp_path, *args)
    assert out
    assert not modules & {"spacy", "thinc", "textacy", "pygls", "lsprotocol"}, sorted(modules)


def test_a_check_imports_textacys_acronyms_alone(tmp_path):
    (tmp_path / ".git").mkdir()
    shutil.copy(REPO / "seeds" / "orbital-partners.txt", tmp_path / "a.txt")
    modules, out = modules_after(tmp_path, "check", "--no-cache", "a.txt")
    assert "C103" in out  # CNSA and DLR: the acronym fact (textacy's is_acronym) ran
    assert "spacy" in modules
    assert not modules & {"sklearn", "scipy", "networkx", "textacy", "pygls", "lsprotocol"}, sorted(modules)


def test_a_check_of_cheap_rules_imports_no_textacy(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text("The NASA and the CNSA team waited a hour.\n", encoding="utf-8")
    modules, out = modules_after(tmp_path, "check", "--no-cache", "--select", "W101", "a.txt")
    assert "W101" in out
    assert not {m for m in modules if m.startswith("textacy")}

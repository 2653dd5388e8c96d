"""The optional NLI rule C209 (rules/optional/nli.yml, kinds/nli.py)."""
from __future__ import annotations

import pytest

from conftest import REPO


# -- optional NLI rule (rules/optional/nli.yml) ---------------------------------------------------

def _nli_rule():

    from lintnews.registry import load_rules

    optional = REPO / "rules" / "optional"
    return next(r for r in load_rules([optional]) if r.code == "C209")


def test_nli_rule_is_optional_and_off():
    rule = _nli_rule()
    assert rule.kind == "nli" and rule.enabled is False
    from lintnews.registry import load_rules

    assert all(r.code != "C209" for r in load_rules())   # not in the default rule set


def test_nli_without_model_says_what_to_do():
    from lintnews.kinds.base import Context, Settings
    from lintnews.kinds.nli import NliKind

    kind = NliKind(_nli_rule())
    with pytest.raises(RuntimeError) as ex:
        list(kind.check(Context(None, None, None, Settings())))
    assert "model_dir" in str(ex.value)


def test_nli_missing_dependency_or_directory_is_explained(tmp_path):
    from lintnews.kinds import nli

    with pytest.raises(RuntimeError) as ex:
        nli.load_model(str(tmp_path / "no-such-model"))
    msg = str(ex.value)
    try:
        import transformers  # noqa: F401
    except ImportError:
        assert "pip install transformers" in msg
    else:
        assert "not a directory" in msg


def test_nli_verifies_candidate_pairs_with_a_local_model():
    pytest.importorskip("transformers")
    import os

    model_dir = os.environ.get("LINTNEWS_NLI_MODEL")
    if not model_dir:
        pytest.skip("set LINTNEWS_NLI_MODEL to a local NLI model directory")
    text = ("The council approved the budget on Tuesday after a long debate.\n\n"
            "The council rejected the budget on Tuesday after a long debate.")

    from lintnews.engine import Engine, RunOptions

    optional = REPO / "rules" / "optional"
    engine = Engine(RunOptions(isolated=True, overrides={
        "select": ("C209",), "rule_dirs": (optional,),
        "rules": (("nli-contradiction", (("model_dir", model_dir),)),)}))
    diags = engine.lint_text(text, "example.txt")
    assert [(d.code, d.line) for d in diags] == [("C209", 3)]


def test_nli_reports_pairs_the_model_calls_contradictory(monkeypatch):
    # the model is stubbed: what is tested is pairing, thresholding and the finding
    from lintnews.kinds.nli import NliKind

    seen = []

    def fake(self, premises, hypotheses):
        seen.extend(zip(premises, hypotheses))
        return [0.97 if "rejected" in h else 0.1 for h in hypotheses]

    monkeypatch.setattr(NliKind, "contradiction", fake)

    from lintnews.engine import Engine, RunOptions

    optional = REPO / "rules" / "optional"
    engine = Engine(RunOptions(isolated=True, overrides={
        "select": ("C209",), "rule_dirs": (optional,),
        "rules": (("nli-contradiction", (("model_dir", "/nonexistent"),)),)}))
    text = ("The council approved the budget on Tuesday after a long debate.\n\n"
            "Swimming pools will stay open.\n\n"
            "The council rejected the budget on Tuesday after a long debate.")
    diags = engine.lint_text(text, "example.txt")
    assert [(d.code, d.line) for d in diags] == [("C209", 5)]
    assert "line 1" in diags[0].message and diags[0].related[0].location.line == 1
    assert len(seen) == 1          # only the pair sharing content words was classified

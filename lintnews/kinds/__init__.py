"""Kinds: the Python checks that YAML rules instantiate.

Built-in kinds are listed here as import paths so that the registry can validate
rule files without importing spaCy; plug-ins add theirs via the ``lintnews.kinds``
entry-point group. A new kind registers itself by a line in this table.
"""
from __future__ import annotations

BUILTIN_KINDS: dict[str, str] = {
    # generic kinds: enough for a newsroom's own house style
    "phrase": "lintnews.kinds.generic:PhraseKind",
    "pattern": "lintnews.kinds.generic:PatternKind",
    "variants": "lintnews.kinds.generic:VariantsKind",
    "regex": "lintnews.kinds.generic:RegexKind",
}

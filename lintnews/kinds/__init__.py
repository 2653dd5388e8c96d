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
    # wording
    "article-agreement": "lintnews.kinds.wording:ArticleAgreementKind",
    "repeated-word": "lintnews.kinds.wording:RepeatedWordKind",
    "less-fewer": "lintnews.kinds.wording:LessFewerKind",
    "spacing": "lintnews.kinds.wording:SpacingKind",
    "unbalanced-quotes": "lintnews.kinds.quotemarks:UnbalancedQuotesKind",
    "unattributed-quote": "lintnews.kinds.quotemarks:UnattributedQuoteKind",
    "long-sentence": "lintnews.kinds.sentences:LongSentenceKind",
    "repeated-opener": "lintnews.kinds.sentences:RepeatedOpenerKind",
    "vague-attribution": "lintnews.kinds.sentences:VagueAttributionKind",
    "style-mix": "lintnews.kinds.style_mix:StyleMixKind",
    # names and terms
    "name-variant": "lintnews.kinds.names:NameVariantKind",
    "second-reference": "lintnews.kinds.names:SecondReferenceKind",
    "acronym": "lintnews.kinds.names:AcronymKind",
    "term-variant": "lintnews.kinds.names:TermVariantKind",
    # numbers, ages, dates
    "numeric-conflict": "lintnews.kinds.numbers:NumericConflictKind",
    "age-conflict": "lintnews.kinds.numbers:AgeConflictKind",
    "percent-change": "lintnews.kinds.numbers:PercentChangeKind",
    "count-mismatch": "lintnews.kinds.numbers:CountMismatchKind",
    "headline-mismatch": "lintnews.kinds.numbers:HeadlineMismatchKind",
    "weekday-date": "lintnews.kinds.dates:WeekdayDateKind",
    "date-conflict": "lintnews.kinds.dates:DateConflictKind",
    "relative-date": "lintnews.kinds.dates:RelativeDateKind",
    # claims and quotations
    "conflicting-accounts": "lintnews.kinds.claims:ConflictingAccountsKind",
    "quote-conflict": "lintnews.kinds.claims:QuoteConflictKind",
    "redundant-sentence": "lintnews.kinds.claims:RedundantSentenceKind",
    "nli": "lintnews.kinds.nli:NliKind",
}

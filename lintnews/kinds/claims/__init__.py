"""Claims and quotations (rules/claims.yml).

- C201 ``conflicting-accounts`` (``accounts.py``): a later sentence retells an earlier
  one but changes a key detail; three parts, each reading alone: a name swapped in a
  word-for-word retelling or a negation flipped (``accounts_swap.py``), a role filled
  by someone else in a retelling in other words (``accounts_roles.py``), the same act
  with another object (``accounts_frames.py``).
- C207 ``quote-conflict`` (``quotes.py``): the same words attributed to two speakers,
  or one speaker quoted two ways.
- C208 ``redundant-sentence`` (``redundant.py``): a sentence that repeats an earlier one.
"""

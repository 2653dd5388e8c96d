"""Kinds: the Python checks that YAML rules instantiate.

One module (or package) per rule family, named as its rule file: the kinds of
``rules/<family>.yml`` live in ``lintnews/kinds/<family>.py`` (or
``lintnews/kinds/<family>/``), and the generic kinds any family may use in
``generic.py``. A kind is a top-level class named ``<Name>Kind``; its kind name is
``<Name>`` in kebab-case (``TermVariantKind`` is ``term-variant``). The registry
finds them by reading these files (``registry.builtin_kinds``), without importing
them; plug-ins add kinds through the ``lintnews.kinds`` entry-point group.
"""

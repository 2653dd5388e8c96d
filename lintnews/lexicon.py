"""Word lists that facts and kinds share: one place for the vocabulary of news text.

A small start (issue 12 gathers the rest here): lists used by more than one module.
"""
from __future__ import annotations

# Particles inside a name ("Ludwig van Beethoven", "Osama bin Laden"): not given names.
NAME_PARTICLES = {"le", "la", "de", "del", "della", "di", "da", "du", "van", "von", "der", "den", "ter",
                  "bin", "ibn", "al", "el", "mac", "st", "dos", "das"}

# Words before a noun that make it a common noun ("the Government", "its board").
DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "our", "'s", "’s"}

# Words whose capitalised and lower-case forms name the same thing wherever they stand.
SAME_THING = {"moon", "earth", "sun", "mars", "venus", "jupiter", "saturn", "neptune", "uranus", "pluto",
              "internet", "web"}

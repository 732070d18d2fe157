"""Temporal reasoning about when a document was written.

Every temporal cue in a text (a dated title, an age, a reference to a known event, a
dateline) constrains the writing date to a union of intervals (:mod:`.intervals`);
:mod:`.cues` finds the cues, :mod:`.solver` intersects them and names the cues that clash.
"""

from doclint.temporal.cues import Cue, extract_cues
from doclint.temporal.solver import Clash, Solution, solve

__all__ = ["Clash", "Cue", "Solution", "extract_cues", "solve"]

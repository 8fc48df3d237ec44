"""What a seed changes in a template's layout: a regenerate (a new seed) should look like a new picture, not a copy.

The renderer varies the details with the seed (the subject's pose, tilt and size, where the background's light
falls, a gradient's angle or a divide's tilt). ``seeded_mirror`` is the bigger step a Regenerate action can take on
top: half the seeds show the layout mirrored (subject and text change sides), to be recorded on the new generation
as ``match['mirrored']`` with ``overrides.mirror_text_layer`` applied to its text, like any mirrored version. It is
not applied to a first generation: the creator's first picture keeps the template's own side. Layouts whose order
means something keep their side: a before/after reads before → after, and a versus is symmetric already.
"""

from __future__ import annotations

from routix.design.templates import TemplateSpec

FIXED_SIDE_FAMILIES = frozenset({'before-after', 'versus'})
_MIX = 2654435761  # Knuth's multiplicative hash: neighbouring seeds land on unrelated bits


def seeded_mirror(spec: TemplateSpec, seed: int) -> bool:
    """Whether a first render of ``spec`` with ``seed`` shows its layout mirrored (about half the seeds do)."""
    if spec.family in FIXED_SIDE_FAMILIES:
        return False
    return bool((seed * _MIX & 0xFFFFFFFF) >> 23 & 1)

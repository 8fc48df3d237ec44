"""Variant sets for YouTube's Test & Compare: three thumbnails that differ visibly along one axis the creator picks.

``axes`` lists the candidates of an axis, ``choose`` renders them and keeps three that pass the check and lie at
least 12 bits of a 64-bit perceptual hash apart (``phash``), ``service.VariantService`` starts them as generations
and records the set in one chat message, ``cli`` adds ``routix render PROMPT --variants 3``.
"""

from routix.variants.axes import AXES

__all__ = ['AXES']

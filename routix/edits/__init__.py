"""Follow-up edits: parse a request, apply it to the text layer, describe what changed."""

from routix.edits.apply import apply_edit
from routix.edits.describe import describe_edit
from routix.edits.edit import TextEdit
from routix.edits.parse import parse_edit

__all__ = ['TextEdit', 'apply_edit', 'describe_edit', 'parse_edit']

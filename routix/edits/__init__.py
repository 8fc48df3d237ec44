"""Follow-up edits: parse a request, apply it to the text layer, describe what changed."""

"""Design templates: the spec and its validation, the catalog, matching, previews and the text layer."""

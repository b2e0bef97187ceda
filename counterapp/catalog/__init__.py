"""The province's procedure catalog: models, import, folding and search."""

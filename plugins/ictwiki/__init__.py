"""ICT-Wiki engine: git history scan, review policy, search indexing, MkDocs adapters."""

"""HTML fragments and static assets shown to readers."""

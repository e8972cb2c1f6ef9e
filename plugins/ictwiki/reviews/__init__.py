"""Tool fact sheets and coordinators' reviews: model, loading with line numbers, scoring."""

"""Actor graph: from the store to networkx, and from networkx to a self-contained HTML page."""

"""SPARQL queries that read a built graph for scoring (data files, loaded by name)."""

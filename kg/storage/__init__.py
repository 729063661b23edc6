"""The store (embedded Oxigraph) and the ways to read it: SPARQL queries, named queries and
their results as tables, CSV and JSON."""

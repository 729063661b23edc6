"""Data files: the kg ontology (kg.ttl), SHACL shapes (shapes.ttl) and named queries (queries/)."""

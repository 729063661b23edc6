"""Checking the graph: SHACL validation (SPARQL engine over the store or pySHACL) and OWL-RL
inference."""

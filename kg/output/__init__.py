"""The graph leaves the store: files in every RDF format and GraphML (:mod:`kg.output.export`),
SPARQL Graph Store Protocol endpoints (:mod:`kg.output.push`)."""

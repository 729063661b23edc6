"""The RDF layer: namespace, IRIs, mapping of records to RDF. No spaCy here."""

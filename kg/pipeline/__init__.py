"""The build pipeline: documents -> extraction (:mod:`kg.nlp`, in one process, a pool or a Dask
cluster) -> cross-document identity -> RDF -> the store or a SPARQL endpoint."""

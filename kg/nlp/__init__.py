"""The NLP layer: spaCy pipeline and extraction rules. Nothing here leaks spaCy objects: the public
function :func:`kg.nlp.extract.extract_document` returns plain :mod:`kg.records`."""

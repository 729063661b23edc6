"""``kg serve``: an actor browser and SPARQL endpoints over the store (Starlette + Jinja2 under uvicorn).

* :mod:`kg.web.serve` -- starting the server (``kg serve``) and stopping it;
* :mod:`kg.web.app` -- the web application and its pages;
* :mod:`kg.web.protocol` -- the SPARQL 1.1 Protocol, Update and Graph Store endpoints;
* :mod:`kg.web.negotiate` -- content negotiation (``Accept``, ``?format=``);
* :mod:`kg.web.browse`, :mod:`kg.web.actors`, :mod:`kg.web.articles` -- what the pages show, read from
  the store (queries in ``queries/``);
* :mod:`kg.web.engine` -- client queries in worker processes with a time limit;
* :mod:`kg.web.guard` -- what is refused: ``SERVICE``/``LOAD``, cross-origin and form-encoded writes.

The server runs in its own process, :mod:`kg.commands.server_process`.
"""

"""The ``kg serve`` actor browser in a real headless Chromium: from a search to the highlighted
sentence of an article built with the real model, without a console error or a request leaving
the machine; hostile names stay text."""
from __future__ import annotations


import pytest
import query_fixtures as qf
from kg.rdf.iri import mint_article_iri

pytestmark = [pytest.mark.browser, pytest.mark.server]

ARTICLE = """Blair and Chirac meet in Paris

Prime Minister Tony Blair met French President Jacques Chirac in Paris on Tuesday to discuss the European budget.

Mr Blair said the talks had been "frank and useful". Mr Chirac said that France would not give up its farm subsidies.

Later, Mr Blair spoke by phone with German Chancellor Gerhard Schroeder.
"""
MEETING_SENTENCE = "Prime Minister Tony Blair met French President Jacques Chirac in Paris on Tuesday"




@pytest.fixture(scope="module")
def blair_server(tmp_path_factory):
    from kg.pipeline.build import build_into
    from kg.web.serve import start_server
    from kg.storage.disk import open_store

    d = tmp_path_factory.mktemp("blair")
    doc = d / "summit.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    st = open_store(d / "store")
    try:
        build_into(st, [str(doc)], published="2005-03-01")
    finally:
        st.close()
    srv = start_server(d / "store", port=qf.free_port())
    try:
        yield srv
    finally:
        srv.stop()


def _watch(browser, base: str):
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    page = ctx.new_page()
    seen = {"console": [], "errors": [], "blocked": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: seen["console"].append((m.type, m.text)))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))

    def route(r):
        seen["requests"].append(r.request.url)
        if r.request.url.startswith(base):
            r.continue_()
        else:
            seen["blocked"].append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    return ctx, page, seen


@pytest.mark.model
def test_search_actor_meeting_evidence_article(browser, blair_server):
    base = blair_server.url
    ctx, page, seen = _watch(browser, base)
    try:
        page.goto(base)
        page.fill("#q", "Blair")
        page.press("#q", "Enter")
        page.wait_for_url("**/search?q=Blair")
        page.click(".hits a:text-is('Tony Blair')")
        assert page.inner_text("h1") == "Tony Blair"
        timeline = page.inner_text("#events")
        assert "2005-03-01" in timeline and "Jacques Chirac" in timeline and "Paris" in timeline
        page.click("#events li.Meeting a.event-link")
        assert page.inner_text("h1") == "Meeting"
        assert "Paris" in page.inner_text("dl.facts") and "Jacques Chirac" in page.inner_text("dl.facts")
        page.click("ul.evidence a.ev")
        # the article, full text, the meeting's sentence highlighted and scrolled to
        assert page.inner_text("h1") == "summit"  # a .txt file has no title: its document id
        assert page.inner_text("p.meta").startswith("Article · 2005-03-01")
        assert page.url.endswith("#hl")
        selected = page.eval_on_selector_all("mark.sel", "ms => ms.map(m => m.textContent).join('')")
        assert selected.startswith(MEETING_SENTENCE)
        text = page.inner_text("article.text")
        assert "Later, Mr Blair spoke by phone" in text  # the whole article, not only the sentences
        actors = page.eval_on_selector_all("article.text a.actor", "as => as.map(a => a.textContent)")
        assert "Tony Blair" in actors and "Jacques Chirac" in actors
        assert page.evaluate("document.getElementById('hl').getBoundingClientRect().top") < 900
        assert [t for k, t in seen["console"] if k == "error"] == [] and seen["errors"] == []
        assert seen["blocked"] == [] and all(u.startswith(base) for u in seen["requests"])
    finally:
        ctx.close()


def test_hostile_names_inert_in_the_browser(browser, tmp_path):
    import query_fixtures as qf
    from kg.rdf.mapping import extraction_to_graph
    from kg.records import Document, Entity, Event, Evidence, Extraction, Quotation, Relation
    from kg.web.serve import start_server
    from kg.storage.disk import open_store

    evil = "<script>window.pwned=1</script><img src=x onerror=window.pwned=2>"
    text = f"{evil} met Helen Marsh in Geneva. \"{evil}\" she said."
    s1 = f"{evil} met Helen Marsh in Geneva."
    ev = Evidence(s1, 0, len(s1), "hand", 0.9)
    s2 = f"\"{evil}\" she said."
    ev2 = Evidence(s2, text.index(s2), text.index(s2) + len(s2), "hand", 0.9)
    ex = Extraction(
        Document("evil-1", text, title=f"Title {evil}", published="2025-01-02"),
        entities=(Entity("x", "Person", evil), Entity("m", "Person", "Helen Marsh"), Entity("g", "Place", "Geneva")),
        relations=(Relation("x", "metWith", "m", ev),),
        quotations=(Quotation(evil, "m", "direct", ev2, cue="said"),),
        events=(Event("Meeting", ("x", "m"), ev, places=("g",), date="2025-01-02"),),
    )
    st = open_store(tmp_path / "store")
    st.add_graphs([extraction_to_graph(ex, base=qf.BASE)])
    st.close()
    srv = start_server(tmp_path / "store", port=qf.free_port())
    ctx, page, seen = _watch(browser, srv.url)
    try:
        page.goto(srv.url + "search?q=script")
        assert evil in page.inner_text(".hits")
        page.click(".hits a")  # the hostile actor's page
        assert page.inner_text("h1") == evil
        page.click("#events a.event-link")
        page.click("ul.evidence a.ev")
        assert evil in page.inner_text("article.text")
        page.goto(srv.url + "resource?iri=" + qf.iri("person", "Helen Marsh"))
        page.goto(srv.url + "sparql?query=SELECT+%3Fl+WHERE+%7B+%3Fa+rdfs%3Alabel+%3Fl+%7D")
        assert evil in page.inner_text("table.results")
        assert page.evaluate("window.pwned === undefined")
        assert seen["dialogs"] == [] and seen["errors"] == []
        assert seen["blocked"] == []  # the <img src=x> never became an element, so nothing was fetched
    finally:
        ctx.close()
        srv.stop()


def test_a_page_of_another_origin_cannot_change_a_writable_store(browser, tmp_path):
    """Issue 18.10 as it happened: a web page on another origin auto-submits a form to /update."""
    import http.server
    import threading

    import query_fixtures as qf
    import requests
    from kg.web.serve import start_server

    graph = mint_article_iri("talks-1", qf.BASE)
    srv = start_server(qf.make_store(tmp_path / "store"), port=qf.free_port(), writable=True)
    evil_page = (
        "<!DOCTYPE html><html><body>"
        f"<form id='f' method='POST' action='{srv.update_endpoint}'>"
        f"<input type='hidden' name='update' value='DROP GRAPH &lt;{graph}&gt;'></form>"
        "<script>document.getElementById('f').submit()</script></body></html>"
    ).encode()

    class Evil(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(evil_page)))
            self.end_headers()
            self.wfile.write(evil_page)

    evil = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Evil)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    ctx = browser.new_context()
    page = ctx.new_page()
    try:
        with page.expect_response(lambda r: r.url.startswith(srv.update_endpoint)) as answer:
            page.goto(f"http://127.0.0.1:{evil.server_address[1]}/")
        assert answer.value.status == 403  # the browser sent Origin: http://127.0.0.1:<other port>
        assert requests.get(srv.store_endpoint, params={"graph": graph}, timeout=30).status_code == 200
    finally:
        ctx.close()
        evil.shutdown()
        evil.server_close()
        srv.stop()

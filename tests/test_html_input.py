"""Saved news pages: main text and metadata with trafilatura (kg.ingest.html), read as documents (kg.ingest.read)
and built into the store."""
from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.ingest.html import extract_article
from kg.ingest.problems import ReadProblem
from kg.ingest.read import iter_documents

ARTICLE = [
    "Norwegian Foreign Minister Anna Berg met Danish Foreign Minister Lars Holm in Oslo on Monday to settle "
    "a long dispute over fishing rights in the North Sea.",
    '"We agreed to keep talking until every boat knows the rules," Berg told reporters after the meeting, '
    "which lasted more than four hours.",
    "Holm said the two countries would publish a joint plan in June and invite Iceland and the Faroe Islands "
    "to join the talks later in the year.",
]
NAV = "Subscribe to the Gazette today"
RELATED = ["Storm warning for the western coast keeps ferries in port", "Ten recipes for a quick summer salmon dinner"]
FOOTER = "Copyright 2024 The Harbour Gazette. All rights reserved."

HEAD = """<meta charset="utf-8">
  <title>Nordic ministers agree on fishing plan | The Harbour Gazette</title>
  <meta property="og:title" content="Nordic ministers agree on fishing plan">
  <meta property="og:url" content="https://gazette.example/world/fishing-plan">
  <meta property="article:published_time" content="2024-05-06T08:30:00+02:00">"""


def page(head: str = HEAD, article: list[str] = ARTICLE) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in article)
    related = "".join(f'<li><a href="/r{i}">{t}</a></li>' for i, t in enumerate(RELATED))
    return f"""<!DOCTYPE html>
<html lang="en"><head>
  {head}
</head><body>
  <header><nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
    <li><a href="/subscribe">{NAV}</a></li></ul></nav></header>
  <main>
    <article><h1>Nordic ministers agree on fishing plan</h1><p class="byline">By Ingrid Moe</p>
{body}    </article>
    <aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
  </main>
  <footer><p>{FOOTER} Contact our newsroom at desk@gazette.example.</p></footer>
</body></html>"""


def test_main_text_keeps_every_article_paragraph():
    text, _ = extract_article(page(), "page.html")
    for paragraph in ARTICLE:
        assert paragraph in text


@pytest.mark.parametrize("furniture", [NAV, *RELATED, FOOTER, "Related stories"])
def test_main_text_drops_navigation_related_links_and_footer(furniture):
    text, _ = extract_article(page(), "page.html")
    assert furniture not in text


def test_paragraphs_are_separate_lines():
    text, _ = extract_article(page(), "page.html")
    lines = text.splitlines()
    assert all(any(line == p for line in lines) for p in ARTICLE)


def test_metadata_from_open_graph_and_article_tags():
    _, meta = extract_article(page(), "page.html")
    assert meta == {
        "title": "Nordic ministers agree on fishing plan",  # og:title, not the <title> with the site name
        "url": "https://gazette.example/world/fishing-plan",
        "published": "2024-05-06",  # article:published_time, as an ISO date
    }


def test_no_publication_date_is_guessed_from_the_running_text():
    head = HEAD.replace('<meta property="article:published_time" content="2024-05-06T08:30:00+02:00">', "")
    dated = [ARTICLE[0].replace("on Monday", "on 12 March 2023"), *ARTICLE[1:]]
    _, meta = extract_article(page(head, dated), "page.html")
    assert "published" not in meta
    assert meta["title"] == "Nordic ministers agree on fishing plan"


def test_page_without_article_is_an_error_naming_the_file():
    no_article = page(article=[]).replace("<h1>Nordic ministers agree on fishing plan</h1>", "").replace(
        '<p class="byline">By Ingrid Moe</p>', "")
    with pytest.raises(InputError, match=r"^saved/index\.html: HTML page holds no article text"):
        extract_article(no_article, "saved/index.html")


def test_html_files_in_a_directory_are_read_as_documents_with_metadata(tmp_path):
    (tmp_path / "Fishing Plan.html").write_text(page(), encoding="utf-8")
    (tmp_path / "index.html").write_text(page(article=[]).replace("<h1>Nordic ministers agree on fishing plan</h1>", "")
                                         .replace('<p class="byline">By Ingrid Moe</p>', ""), encoding="utf-8")
    items = list(iter_documents([str(tmp_path)]))
    docs = [i for i in items if not isinstance(i, ReadProblem)]
    problems = [i for i in items if isinstance(i, ReadProblem)]
    assert [d.id for d in docs] == ["fishing-plan"]
    d = docs[0]
    assert (d.title, d.published, d.url) == ("Nordic ministers agree on fishing plan", "2024-05-06",
                                             "https://gazette.example/world/fishing-plan")
    assert ARTICLE[0] in d.text and NAV not in d.text
    assert [p.source for p in problems] == [str(tmp_path / "index.html")]
    assert "no article text" in problems[0].reason


def test_published_option_dates_only_pages_without_a_date_of_their_own(tmp_path):
    # --published is the default for documents that carry no date (as the README says); a page's
    # own article:published_time wins, as a JSON Lines record's "published" does.
    (tmp_path / "dated.html").write_text(page(), encoding="utf-8")
    undated = HEAD.replace('<meta property="article:published_time" content="2024-05-06T08:30:00+02:00">', "")
    (tmp_path / "undated.html").write_text(page(head=undated), encoding="utf-8")
    docs = {d.id: d.published for d in iter_documents([str(tmp_path)], published="2024-09-01")}
    assert docs == {"dated": "2024-05-06", "undated": "2024-09-01"}


@pytest.mark.model
def test_built_html_page_carries_its_metadata_and_article_relations(tmp_path):
    from kg.pipeline.build import build_into
    from kg.storage.disk import open_store

    f = tmp_path / "plan.html"
    f.write_text(page(), encoding="utf-8")
    st = open_store(tmp_path / "store")
    try:
        report = build_into(st, [str(f)])
        rows = list(st.query(
            "SELECT ?title ?published ?url WHERE { ?a a kg:Article ; kg:title ?title ; kg:published ?published ; kg:url ?url }"))
        people = {r["name"].value for r in st.query("SELECT DISTINCT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }")}
    finally:
        st.close()
    assert report.documents == 1 and not report.problems
    assert [(r["title"].value, r["published"].value, r["url"].value) for r in rows] == [
        ("Nordic ministers agree on fishing plan", "2024-05-06", "https://gazette.example/world/fishing-plan")]
    assert {"Anna Berg", "Lars Holm"} <= people
    assert "Ingrid Moe" not in people  # the byline is page furniture, not article text

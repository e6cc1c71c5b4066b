"""extract_html on small pages written here: body, furniture left out, metadata, bad input."""

from __future__ import annotations

import json

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest.html import HtmlArticle, extract_html

PARAGRAPHS = [
    "Officials in Seoul said on Monday that about 11,000 soldiers had been sent to the Kursk region "
    "over the past two months, a figure that Western analysts described as plausible.",
    "The defence ministry added that at least 1,200 of them had been killed or wounded in the fighting, "
    "although it gave no breakdown between the two and did not say how it had counted them.",
    "Ukrainian military intelligence put the number of casualties higher, at roughly 3,000, citing "
    "intercepted radio traffic and the accounts of prisoners taken near the border in December.",
    "Neither estimate could be verified independently, and Moscow has not acknowledged that any foreign "
    "troops are taking part in the war on its territory, despite mounting evidence to the contrary.",
]
BODY = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)

NAV = "Home World Politics Business Sport Subscribe"
FOOTER = "Copyright 2024 Example Media Group. All rights reserved. Privacy policy and cookie settings."
COMMENT = "This is nonsense, the real number is far higher and everybody knows it perfectly well."

ARTICLE_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Seoul says 11,000 troops deployed | The Example Times</title>
  <meta property="og:title" content="Seoul says 11,000 troops deployed | The Example Times">
  <meta property="og:site_name" content="The Example Times">
  <meta property="og:url" content="https://news.example.com/world/seoul-troops">
  <meta name="author" content="Jane Doe">
  <meta name="description" content="South Korean officials give a figure for troops sent to Russia.">
  <meta property="article:published_time" content="2024-12-23T08:30:00Z">
  <link rel="canonical" href="https://news.example.com/world/seoul-troops">
</head>
<body>
  <header><nav><ul>{"".join(f"<li><a href='/{w.lower()}'>{w}</a></li>" for w in NAV.split())}</ul></nav></header>
  <main>
    <article>
      <h1>Seoul says 11,000 troops deployed</h1>
      <p class="byline">By Jane Doe</p>
      {BODY}
    </article>
    <section id="comments" class="comments">
      <h2>Comments</h2>
      <div class="comment"><p>{COMMENT}</p></div>
    </section>
  </main>
  <footer><p>{FOOTER}</p></footer>
</body>
</html>
"""


def _has_all_paragraphs(text: str) -> bool:
    return all(p in text for p in PARAGRAPHS)


def test_article_body_without_nav_footer_or_comments() -> None:
    article = extract_html(ARTICLE_PAGE)
    assert isinstance(article, HtmlArticle)
    assert _has_all_paragraphs(article.text)
    assert "Politics" not in article.text
    assert "All rights reserved" not in article.text
    assert COMMENT not in article.text


def test_text_is_one_paragraph_a_line_without_the_title() -> None:
    article = extract_html(ARTICLE_PAGE)
    lines = article.text.split("\n")
    assert all(line.strip() == line and line for line in lines)
    assert "Seoul says 11,000 troops deployed" not in article.text
    assert lines[-1] == PARAGRAPHS[-1]


def test_metadata_from_meta_tags() -> None:
    article = extract_html(ARTICLE_PAGE)
    assert article.title == "Seoul says 11,000 troops deployed"  # site suffix dropped
    assert article.published == "2024-12-23"
    assert article.authors == ("Jane Doe",)
    assert article.outlet == "The Example Times"
    assert article.url == "https://news.example.com/world/seoul-troops"
    assert article.language == "en"
    assert article.description == "South Korean officials give a figure for troops sent to Russia."


def test_given_url_wins_over_declared_one() -> None:
    article = extract_html(ARTICLE_PAGE, url="https://mirror.example.org/copy/123")
    assert article.url == "https://mirror.example.org/copy/123"


def test_metadata_from_json_ld() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Casualty estimates diverge",
        "datePublished": "2024-11-05T10:00:00+00:00",
        "author": [
            {"@type": "Person", "name": "Ana Lima"},
            {"@type": "Person", "name": "Tom Berg"},
        ],
        "publisher": {"@type": "Organization", "name": "Daily Ledger"},
        "inLanguage": "en",
    }
    page = f"""<html><head>
      <script type="application/ld+json">{json.dumps(ld)}</script>
    </head><body><div class="story"><h1>Casualty estimates diverge</h1>{BODY}</div></body></html>"""
    article = extract_html(page)
    assert article.title == "Casualty estimates diverge"
    assert article.published == "2024-11-05"
    assert article.authors == ("Ana Lima", "Tom Berg")
    assert article.outlet == "Daily Ledger"
    assert _has_all_paragraphs(article.text)
    assert not article.text.startswith("Casualty estimates diverge")


def test_script_and_style_in_body_are_not_text() -> None:
    page = f"""<html><head><title>Figures</title><style>p {{ color: red; }}</style></head><body>
      <article>
        <p>{PARAGRAPHS[0]}</p>
        <script>var tracker = "window.dataLayer.push({{event: 'pageview'}})"; console.log(tracker);</script>
        <p>{PARAGRAPHS[1]}</p>
        <noscript>Please enable JavaScript to view this site properly.</noscript>
        <p>{PARAGRAPHS[2]}</p>
        <script type="application/json">{{"ad": "slot-7", "size": [300, 250]}}</script>
        <p>{PARAGRAPHS[3]}</p>
      </article></body></html>"""
    article = extract_html(page)
    assert _has_all_paragraphs(article.text)
    for junk in ("dataLayer", "console.log", "slot-7", "color: red"):
        assert junk not in article.text


def test_broken_and_truncated_html_does_not_crash() -> None:
    # unclosed tags, a stray end tag, and the file cut off in the middle of an attribute
    page = (
        "<html><head><title>Broken page</title></head><body><div><article>"
        + "".join(f"<p>{p}" for p in PARAGRAPHS)
        + "</span></b><div class='tail'><p>And the last lin"
        + '<a href="https://exa'
    )
    article = extract_html(page)
    assert _has_all_paragraphs(article.text)


def test_mismatched_nesting_still_yields_text() -> None:
    page = f"<html><body><article><b><i>{PARAGRAPHS[0]}</b></i><p>{PARAGRAPHS[1]}</div></article>"
    article = extract_html(page)
    assert PARAGRAPHS[0] in article.text and PARAGRAPHS[1] in article.text


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   \n\t ",
        "<html></html>",
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<html><body><script>var x = 1;</script></body></html>",
        "\x00\x01\x02\x03 not html at all",
    ],
)
def test_page_without_text_raises_input_error(page: str) -> None:
    with pytest.raises(InputError) as caught:
        extract_html(page, name="pages/empty.html")
    assert "pages/empty.html" in str(caught.value)
    assert "no article text found in the HTML" in str(caught.value)
    assert caught.value.input == "pages/empty.html"


def test_missing_metadata_is_none_not_an_error() -> None:
    page = f"<html><body><div>{BODY}</div></body></html>"
    article = extract_html(page)
    assert _has_all_paragraphs(article.text)
    assert article.title is None
    assert article.published is None
    assert article.authors == ()
    assert article.url is None
    assert article.language is None


def test_language_from_content_language_meta() -> None:
    page = f"""<html><head><meta http-equiv="Content-Language" content="pt-BR"></head>
      <body><article>{BODY}</article></body></html>"""
    assert extract_html(page).language == "pt"


def test_article_is_frozen() -> None:
    article = extract_html(ARTICLE_PAGE)
    with pytest.raises(AttributeError):
        article.text = "changed"  # type: ignore[misc]


def test_body_held_only_in_json_ld_is_found_and_caption_left_out() -> None:
    # pages rendered by JavaScript: the visible HTML is a photo caption, the text sits in JSON-LD
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Casualty estimates diverge",
        "articleBody": "\n\n".join(PARAGRAPHS),
    }
    page = f"""<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body>
      <div id="app"><figure><img src="a.jpg"><figcaption>Soldiers on parade. Photo: Agency</figcaption>
      </figure><div id="root"></div></div></body></html>"""
    text = extract_html(page).text
    assert _has_all_paragraphs(text)
    assert "Soldiers on parade" not in text


@pytest.mark.parametrize(
    "headline",
    [
        "Seoul says 11,000 troops deployed",
        "Seoul says 11,000 troops deployed.",
        "Breaking: Seoul says 11,000 troops deployed",
    ],
)
def test_headline_repeated_in_body_is_dropped(headline: str) -> None:
    page = f"""<html><head><title>Seoul says 11,000 troops deployed - The Example Times</title>
      <meta property="og:site_name" content="The Example Times"></head>
      <body><article><div>{headline}</div>{BODY}</article></body></html>"""
    article = extract_html(page)
    assert article.title == "Seoul says 11,000 troops deployed"
    assert article.text.split("\n")[0] == PARAGRAPHS[0]


def test_first_line_that_only_shares_words_with_the_title_is_kept() -> None:
    page = f"""<html><head><title>Troops</title></head>
      <body><article><p>Troops were moved again on Friday, officials said.</p>{BODY}</article></body></html>"""
    assert extract_html(page).text.startswith("Troops were moved again on Friday")


def test_xml_declaration_and_unknown_tags_are_tolerated() -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>'
        f"<html xmlns='http://www.w3.org/1999/xhtml'><body><amp-story><article>{BODY}"
        "</article></amp-story></body></html>"
    )
    assert _has_all_paragraphs(extract_html(page).text)


def test_error_without_a_name_still_reads() -> None:
    with pytest.raises(InputError, match="no article text found in the HTML"):
        extract_html("")


def test_html_fragment_is_read() -> None:
    # feed items carry the article as a fragment, without <html> or <head>
    fragment = f"<article><h2>Seoul says 11,000 troops deployed</h2>{BODY}</article>"
    assert _has_all_paragraphs(extract_html(fragment).text)

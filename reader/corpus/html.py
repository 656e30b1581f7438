"""The main text of a web page (an entry's link, an HTML file in a
folder), through trafilatura.

trafilatura finds the article in a page (boilerplate, menus, comments and
ads left out); on the readability test pages in ``../shared/corpora/html``
its text has a mean word F1 of 0.978 against the expected text
(``benchmarks/feeds.py``). Imported only when a page is extracted: it
takes ~0.1 s to import.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.files.text import one_line


@dataclass(frozen=True)
class Page:
    title: str
    text: str
    author: str = ""
    date: str = ""


def extract_page(html: str | bytes, url: str = "") -> Page | None:
    """The article of a page: title and text with one paragraph per block
    (None when no article text is found)."""
    import trafilatura

    if isinstance(html, bytes):
        from reader.corpus.reading import decode_bytes  # reading imports this module

        html = decode_bytes(html)
    document = trafilatura.bare_extraction(
        html, url=url or None, include_comments=False, include_tables=True, with_metadata=True, output_format="python"
    )
    if document is None:
        return None
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    raw = str(data.get("text") or "")
    title = one_line(str(data.get("title") or ""))
    paragraphs = [one_line(line) for line in raw.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the headline, shown as the title
    text = "\n\n".join(paragraphs)
    if not text:
        return None
    return Page(
        title=title,
        text=text,
        author=one_line(str(data.get("author") or "")),
        date=str(data.get("date") or ""),
    )

"""Web pages to article text with trafilatura: the main text and its metadata, without menus,
cookie banners, related links, comments or newsletter boxes."""

from __future__ import annotations

from dataclasses import dataclass

from annotators.model import Meta

from .model import collapsed

# trafilatura's output elements that hold a paragraph of text (a block quote holds its own <p>s).
_BLOCKS = {"p", "head", "item", "quote", "code", "cell"}
# Feed content is a fragment, not a page: these HTML elements each make a paragraph.
_FRAGMENT_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt"}


@dataclass(frozen=True)
class Extracted:
    text: str  # the title (when found) and the paragraphs, separated by blank lines
    meta: Meta


def extract(html: str, url: str | None = None) -> Extracted | None:
    """The page's article, or None when it has no article text."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, favor_precision=True, deduplicate=False,
    )
    if document is None or document.body is None:
        return None
    paragraphs = _paragraphs(document.body, _BLOCKS)
    if not paragraphs:
        return None
    title = collapsed(document.title)
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    meta = Meta(
        title=title,
        author=collapsed(document.author),
        date=document.date[:10] if document.date else None,
        outlet=collapsed(document.sitename) or document.hostname,
        url=document.url or url,
    )
    return Extracted("\n\n".join(paragraphs), meta)


def fragment_text(html: str) -> str:
    """The paragraphs of an HTML fragment (a feed item's content), separated by blank lines."""
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types on bad markup; then there is no text
        return ""
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    paragraphs = _paragraphs(root, _FRAGMENT_BLOCKS)
    if not paragraphs:  # plain text, or inline markup only
        text = " ".join(root.text_content().split())
        paragraphs = [text] if text else []
    return "\n\n".join(paragraphs)


def _paragraphs(root, blocks: set[str]) -> list[str]:
    """The text of each innermost block element, whitespace collapsed."""
    paragraphs = []
    for element in root.iter():
        if element.tag not in blocks or any(child.tag in blocks for child in element.iterdescendants()):
            continue
        text = " ".join("".join(element.itertext()).split())
        if text:
            paragraphs.append(text)
    return paragraphs

"""Markdown written by users, rendered to HTML that is safe to show.

Rendered once, when the text is saved ("cooked", as Discourse calls it): models store
the HTML next to the Markdown and pages read it. ``manage.py recook`` renders every
stored text again after a change of the renderer or of the sanitiser's rules.
"""

from collections.abc import Iterable, Mapping, Sequence

import markdown
import nh3
from bs4 import BeautifulSoup
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.extensions.tables import TableExtension

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
    "abbr",
    "dl",
    "dt",
    "dd",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
# The only class kept: the links that @mentions become (network.mentions).
ALLOWED_CLASSES = {"a": {"mention"}}


# Markdown's tables (in "extra") write a column's alignment (``|:-:|``) as a ``style``, which the
# sanitiser drops; written as the ``align`` attribute, which it keeps on th and td (left, center
# or right: Markdown writes no other value), the column stays aligned. Replaces extra's tables.
ALIGNED_TABLES = TableExtension(use_align_attribute=True)


def render_markdown(text: str, *, extensions: Sequence[Extension] = ()) -> SafeString:
    """Markdown to sanitised HTML: no scripts, no styles, no images from other hosts; tables keep
    their columns' alignment (``ALIGNED_TABLES``). ``extensions``: more Markdown extensions (a
    network post's @mentions); their output is sanitised like the rest."""
    html = markdown.markdown(
        text or "", extensions=["extra", "sane_lists", ALIGNED_TABLES, *extensions], output_format="html"
    )
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


# Elements whose end separates words (inline ones, such as <strong> or <a>, do not).
SEPARATING_TAGS = "p br hr li pre blockquote h2 h3 h4 h5 h6 tr th td dt dd".split()


def html_text(html: str) -> str:
    """The text a reader sees of stored HTML (no tags, no Markdown, entities decoded), on one line."""
    soup = BeautifulSoup(html or "", "html.parser")
    for element in soup.find_all(SEPARATING_TAGS):
        element.insert_after(" ")
    return " ".join(soup.get_text().split())


def cook(texts: Mapping[str, str]) -> dict[str, str]:
    """Each Markdown text rendered to sanitised HTML, by name."""
    return {name: str(render_markdown(text)) for name, text in texts.items()}


def saves_text(update_fields: Iterable[str] | None, texts: Iterable[str]) -> bool:
    """Whether a ``Model.save(update_fields=...)`` writes any of ``texts`` (a full save does)."""
    return update_fields is None or not set(update_fields).isdisjoint(texts)

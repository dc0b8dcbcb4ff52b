from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString

from portal.text import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def querystring_page(context, page_number: int) -> str:
    """The current query string with another page number."""
    base = context.get("query_string", "")
    return f"?{base}&page={page_number}" if base else f"?page={page_number}"


@register.filter
def get_item(mapping: dict, key: str):
    return (mapping or {}).get(key)


@register.filter
def in_language(text: str, language: str) -> SafeString:
    """``text`` (a practice's title inside a sentence of the interface) marked as written in
    ``language``, so that it is hyphenated and read aloud by that language's rules."""
    if not text or not language:
        return format_html("{}", text or "")  # empty stays empty: |default can follow
    return format_html('<span lang="{}">{}</span>', language, text)


@register.simple_tag
def absolute_url(path: str) -> str:
    """``path`` on the portal's own address (``PORTAL_URL``, as in e-mails), never the request's
    Host header: what a printed page names as where it came from."""
    return settings.PORTAL_URL + path

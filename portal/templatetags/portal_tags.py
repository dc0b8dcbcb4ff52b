from django import template
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

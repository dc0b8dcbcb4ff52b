"""Links between the pages of a paginated list that keep the current filters.

{% load paging %}
<a href="{% page_url page.next_page_number %}">…</a>
<a href="{% page_url 2 'pending_page' %}">…</a>   (a second list on the same page)
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number: int, param: str = "page") -> str:
    """The current query string with ``param`` set to ``number`` (escaped by the template engine)."""
    query = context["request"].GET.copy()
    query[param] = number
    return f"?{query.urlencode()}"

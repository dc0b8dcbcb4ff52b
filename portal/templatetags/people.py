"""How people are named on pages: always through ``portal.access.display_name``.

{% load people %}
{{ person|shown_to:request.user }}
"""

from django import template
from django.utils.translation import gettext as _

from portal.access import display_name

register = template.Library()


@register.filter
def shown_to(person, viewer) -> str:
    """``person``'s name as ``viewer`` may see it: their pseudonym unless the viewer may know them."""
    if person is None:
        return _("unknown")
    return display_name(viewer=viewer, person=person)

"""``{% extends %}`` with the root template's blocks kept (portal.templatetags.kept_blocks)
renders what Django's own does: inheritance over three levels, ``block.super``, a parent named
by a variable (a different root on each render), blocks in included templates, a template that
extends a template object; each rendered twice (the second from what was kept)."""

import pytest
from django.template import Context, Engine

TEMPLATES = {
    "base": "<{% block a %}A{% endblock %}|{% block b %}B{% endblock %}|{% include 'inc' %}>",
    "base2": "[{% block b %}b2{% endblock %}{% block a %}a2{% endblock %}]",
    "mid": "{% extends 'base' %}{% block a %}M{{ block.super }}{% endblock %}",
    "leaf": "{% extends 'mid' %}{% block b %}L{{ block.super }}{% endblock %}"
    "{% block a %}{{ block.super }}L{% endblock %}",
    "by_variable": "{% extends parent %}{% block a %}V{{ block.super }}{% endblock %}",
    "inc": "({% block c %}C{{ x }}{% endblock %})",
    "nested": "{% extends 'base' %}{% block b %}{% block inner %}I{% endblock %}N{% endblock %}",
    "over_nested": "{% extends 'nested' %}{% block inner %}O{{ block.super }}{% endblock %}",
}


def engines() -> tuple[Engine, Engine]:
    loaders = [("django.template.loaders.cached.Loader", [("django.template.loaders.locmem.Loader", TEMPLATES)])]
    return (
        Engine(loaders=loaders, builtins=["portal.templatetags.kept_blocks"]),
        Engine(loaders=loaders),
    )


@pytest.mark.parametrize("name", ["base", "mid", "leaf", "nested", "over_nested"])
def test_a_page_renders_as_with_djangos_own_extends(name):
    kept, own = engines()
    expected = own.get_template(name).render(Context({"x": 1}))

    assert [kept.get_template(name).render(Context({"x": 1})) for _ in range(2)] == [expected, expected]


def test_a_parent_named_by_a_variable_changes_from_one_render_to_the_next():
    kept, own = engines()
    parents = ["base", "base2", "mid", "base", "base2"]

    rendered = [kept.get_template("by_variable").render(Context({"parent": p, "x": 2})) for p in parents]

    assert rendered == [own.get_template("by_variable").render(Context({"parent": p, "x": 2})) for p in parents]
    assert rendered[:3] == ["<VA|B|(C2)>", "[b2Va2]", "<VMA|B|(C2)>"]


def test_a_parent_given_as_a_template_object():
    kept, own = engines()

    rendered = [kept.get_template("by_variable").render(Context({"parent": kept.get_template("base2")})) for _ in "ab"]

    assert rendered == [own.get_template("by_variable").render(Context({"parent": own.get_template("base2")}))] * 2


def test_the_portals_engine_uses_it():
    from django.template import engines as configured
    from django.template.loader_tags import ExtendsNode

    from portal.templatetags.kept_blocks import ExtendsKeepingRootBlocks

    template = configured["django"].from_string("{% extends 'base.html' %}")
    first = template.template.nodelist[0]
    assert isinstance(first, ExtendsKeepingRootBlocks) and isinstance(first, ExtendsNode)

"""Each process's memory for HTML fragments (portal.cache_layers.StringMemoryCache, settings
"fragments"): strings kept as they are, anything else copied as Django's memory cache copies it."""

from itertools import count

import pytest
from django.core.cache import caches
from django.template import engines
from django.utils.safestring import SafeString, mark_safe

from portal.cache_layers import StringMemoryCache

_names = count()


@pytest.fixture
def memory() -> StringMemoryCache:
    cache = StringMemoryCache(f"test-string-memory-{next(_names)}", {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 6}})
    yield cache
    cache.clear()


def test_a_string_is_kept_as_it_is_and_html_stays_safe(memory):
    html = mark_safe("<li>kept</li>")
    memory.set("card", html)
    memory.set("plain", "a <b> text")
    assert memory.get("card") is html  # no copy made: nothing can change a string
    assert isinstance(memory.get("card"), SafeString)
    assert type(memory.get("plain")) is str and memory.get("plain") == "a <b> text"
    assert memory.get_many(["card", "plain", "absent"]) == {"card": html, "plain": "a <b> text"}
    assert isinstance(memory.get_many(["card"])["card"], SafeString)


def test_any_other_value_is_a_copy_a_reader_cannot_change(memory):
    labels = {"themes": {"family": "Family support"}}
    memory.set("labels", labels)
    labels["themes"]["family"] = "changed by the writer"
    read = memory.get("labels")
    read["themes"]["family"] = "changed by a reader"
    assert memory.get("labels") == {"themes": {"family": "Family support"}}
    assert memory.get_many(["labels"])["labels"] == {"themes": {"family": "Family support"}}
    assert memory.add("labels", {"other": {}}) is False and memory.get("labels")["themes"]
    assert memory.add("count", 1) is True and memory.incr("count") == 2


def test_expired_entries_are_neither_read_nor_kept(memory):
    memory.set("gone", "<p>old</p>", timeout=0)
    memory.set("kept", "<p>new</p>")
    assert memory.get("gone", "default") == "default"
    assert memory.get_many(["gone", "kept"]) == {"kept": "<p>new</p>"}
    assert not memory.has_key("gone")
    assert memory.add("gone", "<p>again</p>") is True and memory.get("gone") == "<p>again</p>"


def test_it_holds_no_more_than_its_entries(memory):
    for number in range(20):
        memory.set(f"fragment-{number}", f"<p>{number}</p>")
    kept = memory.get_many([f"fragment-{number}" for number in range(20)])
    assert 0 < len(kept) <= 6 and "fragment-19" in kept


def test_a_kept_template_fragment_renders_the_same_html(settings):
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {"BACKEND": "portal.cache_layers.StringMemoryCache", "LOCATION": "test-kept-template-fragment"},
    }
    template = engines["django"].from_string(
        '{% load cache %}{% cache None "test-fragment" using="fragments" %}<b>{{ value }}</b>{% endcache %}'
    )
    try:
        first = template.render({"value": "<i>one</i>"})
        second = template.render({"value": "two"})  # read from the cache: the first rendering's HTML
    finally:
        caches["fragments"].clear()
    assert first == second == "<b>&lt;i&gt;one&lt;/i&gt;</b>"

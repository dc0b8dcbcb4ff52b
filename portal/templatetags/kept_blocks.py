"""``{% extends %}`` as Django's own, but the blocks of the root template of a page (base.html)
are found once per compiled template, not on every render. Django walks the root template's
whole node tree for its blocks each time a page extends it (``get_nodes_by_type``: about
0.1 ms a page here, docs/PERFORMANCE.md "Sixteenth round"); a compiled template does not change
while the cached loader keeps it. Installed as a builtin (settings.TEMPLATES), so every
template's ``{% extends %}`` is this one; what it renders is Django's
(tests/portal/test_kept_blocks.py compares the two)."""

from django import template
from django.template.base import TextNode
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockContext, BlockNode, ExtendsNode, do_extends

register = template.Library()

_NOT_FOUND = object()


def _root_blocks(parent) -> dict | None:
    """The blocks ``parent`` adds as the root of an inheritance (None: it extends another
    template itself), found once and kept on the compiled template."""
    found = parent.__dict__.get("_kept_root_blocks", _NOT_FOUND)
    if found is _NOT_FOUND:
        found = None
        for node in parent.nodelist:
            if not isinstance(node, TextNode):  # the extends node has to be the first non-text node
                if not isinstance(node, ExtendsNode):
                    found = {each.name: each for each in parent.nodelist.get_nodes_by_type(BlockNode)}
                break
        parent._kept_root_blocks = found
    return found


class ExtendsKeepingRootBlocks(ExtendsNode):
    def render(self, context):
        compiled_parent = self.get_parent(context)
        if BLOCK_CONTEXT_KEY not in context.render_context:
            context.render_context[BLOCK_CONTEXT_KEY] = BlockContext()
        block_context = context.render_context[BLOCK_CONTEXT_KEY]
        block_context.add_blocks(self.blocks)
        root_blocks = _root_blocks(compiled_parent)
        if root_blocks is not None:
            block_context.add_blocks(root_blocks)
        with context.render_context.push_state(compiled_parent, isolated_context=False):
            return compiled_parent._render(context)  # type: ignore[attr-defined]  # as Django's ExtendsNode does


@register.tag("extends")
def extends_keeping_root_blocks(parser, token):
    node = do_extends(parser, token)
    return ExtendsKeepingRootBlocks(node.nodelist, node.parent_name, node.template_dirs)

"""`{% fixed %}…{% endfixed %}`: a part of a page that is the same for everyone in a language,
rendered once per language by each process.

Most of a page's chrome (labels, links, stylesheets) is the same on every request, yet the
template engine translates and resolves it again each time: on the directory that was a tenth
of the page. What such a block may hold is checked when the template is compiled, so that
nothing personal can end up shared: text, `{% translate "constant" %}`, `{% static "path" %}`
and the variables in ALLOWED (the header links, the map's tile settings, the language), which
depend only on the language and the deployment. Anything else is a TemplateSyntaxError.
With DEBUG on it renders every time, so template edits show at once.
"""

import itertools

from django.conf import settings
from django.template import Node, NodeList, TemplateSyntaxError
from django.template.base import TextNode, Variable, VariableNode
from django.template.defaulttags import CommentNode
from django.templatetags.i18n import TranslateNode
from django.templatetags.static import StaticNode
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

ALLOWED = ("nav", "MAP_TILE_URL", "MAP_TILE_ATTRIBUTION", "LANG")
_rendered: dict[tuple, str] = {}
_blocks = itertools.count()


class FixedNode(Node):
    def __init__(self, nodelist: NodeList, number: int):
        self.nodelist = nodelist
        self.number = number  # this block, among every block compiled in the process

    def render(self, context) -> str:
        if settings.DEBUG:
            return self.nodelist.render(context)
        key = (self.number, get_language(), get_script_prefix())
        html = _rendered.get(key)
        if html is None:
            html = _rendered[key] = mark_safe(self.nodelist.render(context))  # noqa: S308
        return html


def parse_fixed(parser, token) -> FixedNode:
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    for node in _all_nodes(nodelist):
        _check(node)
    return FixedNode(nodelist, next(_blocks))


def _all_nodes(nodelist: NodeList):
    for node in nodelist:
        yield node
        for attr in getattr(node, "child_nodelists", ()):
            yield from _all_nodes(getattr(node, attr, None) or [])


def _check(node: Node) -> None:
    if isinstance(node, TextNode | CommentNode):
        return
    if isinstance(node, TranslateNode) and node.asvar is None:
        parts = [node.filter_expression.var]
        if node.message_context is not None:
            parts.append(node.message_context.var)
        if all(isinstance(v, Variable) and v.literal is not None for v in parts):
            return
    quoted_path = isinstance(node, StaticNode) and not isinstance(node.path.var, Variable)
    if quoted_path and node.varname is None:
        return
    if isinstance(node, VariableNode):
        expression = node.filter_expression
        names = [expression.var] + [
            arg for _filter, args in expression.filters for is_var, arg in args if is_var
        ]
        if all(isinstance(v, Variable) and _allowed(v) for v in names):
            return
    raise TemplateSyntaxError(
        f"{{% fixed %}} may hold only text, constant translations, static files and "
        f"{', '.join(ALLOWED)}; not {node.token.contents!r}"
    )


def _allowed(variable: Variable) -> bool:
    return variable.literal is not None or variable.var.split(".")[0] in ALLOWED


def forget() -> None:
    """Drop the rendered blocks (tests)."""
    _rendered.clear()

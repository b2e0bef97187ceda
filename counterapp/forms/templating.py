"""A tiny, safe template language for the printed forms.

IT staff edit the form templates (HTML that Qt's QTextDocument renders), so the
language is deliberately small and cannot run code:

- ``{{ name }}`` or ``{{ name.key }}``: a value from the context, HTML-escaped
  (newlines become ``<br/>``). A missing name is an error that names the template
  and line; a value of ``None`` prints nothing.
- ``{% for item in items %} ... {% endfor %}``: repeat for each element of a list;
  inside, ``loop.index`` (1, 2, ...), ``loop.first`` and ``loop.last`` exist.
- ``{% if name %} ... {% else %} ... {% endif %}`` (also ``{% if not name %}``):
  truthiness of a value (empty string, 0, empty list and None are false).
- ``{% include "_header.html" %}``: insert another template (same lookup rules,
  so a site may override just the header).
- ``{# comment #}``: dropped.

Values never reach the output unescaped; there is no "raw" switch.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

_TOKEN = re.compile(r"({{.*?}}|{%.*?%}|{#.*?#})", re.DOTALL)
_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$")
_MAX_INCLUDE_DEPTH = 8


class TemplateError(ValueError):
    """A template is malformed or refers to a value the context does not have."""


@dataclass
class _Text:
    text: str


@dataclass
class _Var:
    path: str
    line: int


@dataclass
class _For:
    var: str
    path: str
    line: int
    body: list[Any] = field(default_factory=list)


@dataclass
class _If:
    path: str
    negate: bool
    line: int
    body: list[Any] = field(default_factory=list)
    orelse: list[Any] = field(default_factory=list)


@dataclass
class _Include:
    name: str
    line: int


class Template:
    """A parsed template. `render(context, formatter, loader)` returns HTML text."""

    def __init__(self, source: str, name: str = "<template>") -> None:
        self.name = name
        self.nodes = self._parse(source)

    # -- parsing ---------------------------------------------------------------

    def _error(self, line: int, message: str) -> TemplateError:
        return TemplateError(f"Mẫu {self.name}, dòng {line}: {message}")

    def _parse(self, source: str) -> list[Any]:
        root: list[Any] = []
        stack: list[tuple[Any, list[Any]]] = []  # (block node, the list currently filled)
        current = root
        line = 1
        for piece in _TOKEN.split(source):
            if not piece:
                continue
            start_line = line
            line += piece.count("\n")
            if piece.startswith("{#"):
                continue
            if piece.startswith("{{"):
                path = piece[2:-2].strip()
                if not _PATH.match(path):
                    raise self._error(start_line, f"tên không hợp lệ / invalid placeholder {piece!r}")
                current.append(_Var(path, start_line))
                continue
            if piece.startswith("{%"):
                words = piece[2:-2].split()
                if not words:
                    raise self._error(start_line, "thẻ rỗng / empty tag {% %}")
                keyword = words[0]
                if keyword == "for":
                    if len(words) != 4 or words[2] != "in" or not _PATH.match(words[3]) or "." in words[1]:
                        raise self._error(start_line, f"cần {{% for x in danh_sach %}} / bad for tag {piece!r}")
                    node = _For(words[1], words[3], start_line)
                    current.append(node)
                    stack.append((node, current))
                    current = node.body
                elif keyword == "if":
                    negate = len(words) == 3 and words[1] == "not"
                    path = words[2] if negate else (words[1] if len(words) == 2 else "")
                    if not _PATH.match(path):
                        raise self._error(start_line, f"cần {{% if ten %}} / bad if tag {piece!r}")
                    node = _If(path, negate, start_line)
                    current.append(node)
                    stack.append((node, current))
                    current = node.body
                elif keyword == "else":
                    if not stack or not isinstance(stack[-1][0], _If) or current is not stack[-1][0].body:
                        raise self._error(start_line, "{% else %} không có {% if %} / else without if")
                    current = stack[-1][0].orelse
                elif keyword in ("endfor", "endif"):
                    wanted = _For if keyword == "endfor" else _If
                    if not stack or not isinstance(stack[-1][0], wanted):
                        raise self._error(start_line, f"{{% {keyword} %}} thừa / unexpected {keyword}")
                    _, current = stack.pop()
                elif keyword == "include":
                    if len(words) != 2 or not re.fullmatch(r"[\"'][A-Za-z0-9_.-]+[\"']", words[1]):
                        raise self._error(start_line, f"cần {{% include \"ten.html\" %}} / bad include {piece!r}")
                    current.append(_Include(words[1][1:-1], start_line))
                else:
                    raise self._error(start_line, f"thẻ không biết / unknown tag {keyword!r}")
                continue
            current.append(_Text(piece))
        if stack:
            node = stack[-1][0]
            kind = "for" if isinstance(node, _For) else "if"
            raise self._error(node.line, f"thiếu {{% end{kind} %}} / {kind} not closed")
        return root

    # -- rendering -------------------------------------------------------------

    def render(
        self,
        context: Mapping[str, Any],
        formatter: Callable[[Any], str] = str,
        loader: Callable[[str], Template] | None = None,
        _depth: int = 0,
    ) -> str:
        out: list[str] = []
        self._render_nodes(self.nodes, [context], formatter, loader, out, _depth)
        return "".join(out)

    def _lookup(self, scopes: list[Mapping[str, Any]], path: str, line: int) -> Any:
        head, *rest = path.split(".")
        for scope in reversed(scopes):
            if head in scope:
                value = scope[head]
                break
        else:
            raise self._error(line, f"không có giá trị {{{{ {path} }}}} / unknown placeholder")
        for key in rest:
            if isinstance(value, Mapping) and key in value:
                value = value[key]
            else:
                raise self._error(line, f"không có giá trị {{{{ {path} }}}} / unknown placeholder")
        return value

    def _render_nodes(self, nodes, scopes, formatter, loader, out, depth) -> None:  # noqa: ANN001
        for node in nodes:
            if isinstance(node, _Text):
                out.append(node.text)
            elif isinstance(node, _Var):
                value = self._lookup(scopes, node.path, node.line)
                if value is None:
                    continue
                text = value if isinstance(value, str) else formatter(value)
                out.append(html.escape(text, quote=True).replace("\n", "<br/>"))
            elif isinstance(node, _For):
                items = self._lookup(scopes, node.path, node.line)
                if items is None:
                    continue
                if isinstance(items, (str, bytes, Mapping)) or not hasattr(items, "__iter__"):
                    raise self._error(node.line, f"{node.path} không phải danh sách / is not a list")
                items = list(items)
                for index, item in enumerate(items):
                    loop = {"index": index + 1, "first": index == 0, "last": index == len(items) - 1}
                    scopes.append({node.var: item, "loop": loop})
                    try:
                        self._render_nodes(node.body, scopes, formatter, loader, out, depth)
                    finally:
                        scopes.pop()
            elif isinstance(node, _If):
                value = bool(self._lookup(scopes, node.path, node.line))
                if node.negate:
                    value = not value
                self._render_nodes(node.body if value else node.orelse, scopes, formatter, loader, out, depth)
            elif isinstance(node, _Include):
                if loader is None:
                    raise self._error(node.line, "không thể chèn mẫu / include not available here")
                if depth >= _MAX_INCLUDE_DEPTH:
                    raise self._error(node.line, "chèn mẫu lồng quá sâu / includes nested too deep")
                included = loader(node.name)
                merged: dict[str, Any] = {}
                for scope in scopes:
                    merged.update(scope)
                out.append(included.render(merged, formatter, loader, depth + 1))

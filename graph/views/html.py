"""HTML helpers shared by the pages: jinja2 templates (autoescaped), embedded JSON, bundled assets, atomic UTF-8 writes."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from graph.files import write_atomically

__all__ = ["Markup", "render", "script_json", "inline_script", "inline_style", "asset", "vis_network",
           "shared_view_assets", "write_if_changed", "write_atomic", "number"]

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
VIS_VERSION = "9.1.2"

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SOURCE_MAP = re.compile(r"^[ \t]*//[#@] sourceMappingURL=.*$|/\*# sourceMappingURL=.*?\*/", re.MULTILINE)


def script_json(value: Any) -> str:
    """JSON safe to place inside a ``<script>`` element: ``<``, ``>``, ``&`` written as ``\\u003c`` etc."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for character, escaped in _JSON_ESCAPES.items():
        if character in text:
            text = text.replace(character, escaped)
    return text


def inline_script(code: str) -> str:
    """JavaScript safe to inline: no source-map link (a fetch), no ``</script`` closing the element."""
    code = _SOURCE_MAP.sub("", code)
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def inline_style(css: str) -> str:
    """CSS safe to inline in a ``<style>`` element."""
    css = _SOURCE_MAP.sub("", css)
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """A file of graph/assets (templates, page CSS and JS)."""
    return (ASSETS_DIR / name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def vis_network() -> tuple[str, str]:
    """The vis-network JS and CSS bundled with the installed pyvis package (source-map links removed)."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / f"vis-{VIS_VERSION}"
    try:
        js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise RuntimeError(f"vis-network {VIS_VERSION} not found in the pyvis package ({lib}): {exc}") from None
    return inline_script(js), inline_style(css)


def shared_view_assets() -> dict[str, str]:
    """The files every view page links from ``views/assets/``: vis-network and the page's own JS and CSS."""
    vis_js, vis_css = vis_network()
    return {"vis-network.min.js": vis_js, "vis-network.css": vis_css,
            "view.js": asset("view.js"), "view.css": asset("view.css")}


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` atomically unless ``path`` already holds exactly these bytes; True when written."""
    payload = text.encode("utf-8")
    try:
        if path.stat().st_size == len(payload) and path.read_bytes() == payload:
            return False
    except OSError:
        pass
    write_atomically(path, payload)
    return True


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    """The page templates of graph/assets; every value is escaped unless it is :class:`Markup`."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(ASSETS_DIR), autoescape=True, trim_blocks=True,
                              keep_trailing_newline=True, undefined=jinja2.StrictUndefined, auto_reload=False)


def render(template_name: str, **values: Any) -> str:
    """A page from its template in graph/assets; text values are escaped, :class:`Markup` values (embedded JSON,
    inlined scripts and styles) are placed as they are."""
    return _templates().get_template(template_name).render(**values)


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text to ``path`` through a temporary file and a rename."""
    write_atomically(path, text)


def number(value: float, digits: int = 2) -> str:
    """A measure for people: whole numbers without decimals, others rounded."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")

"""SPARQL query text read as tokens, comments, strings and IRIs kept apart from the words.

In: the text of a query. Out: its form (SELECT, CONSTRUCT, DESCRIBE or ASK; ``QueryError`` for
SPARQL UPDATE), whether it holds a ``SERVICE`` clause, the text without its comments, and the
offset where its WHERE group opens (where :mod:`graph.store.binding` puts a ``VALUES`` block).
"""
from __future__ import annotations

import re

from graph.store.errors import QueryError

_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                  |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<variable>[?$][A-Za-z0-9_]+)
      | (?P<pname>(?:[A-Za-z][A-Za-z0-9_.-]*)?:[A-Za-z0-9_.%-]*)
      | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<brace>\{)
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL)


def _strip_comments(query_text: str) -> str:
    return "".join(m.group(0) for m in _TOKEN.finditer(query_text) if m.lastgroup != "comment")


QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


def query_form(query_text: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK; ``QueryError`` for SPARQL UPDATE or no query at all."""
    for match in _TOKEN.finditer(query_text):
        if match.lastgroup == "word":
            word = match.group(0).upper()
            if word in QUERY_FORMS:
                return word
            if word in UPDATE_WORDS:
                raise QueryError("SPARQL UPDATE is refused: plankg queries are read-only")
    raise QueryError("not a SPARQL query (no SELECT, CONSTRUCT, DESCRIBE or ASK)")


_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def uses_service(query_text: str) -> bool:
    """Whether a query holds a ``SERVICE`` clause (a federated query), comments, strings and IRIs
    aside; ``\\u`` escapes are decoded first, as SPARQL does before it parses a query."""
    text = _CODEPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query_text)
    return any(m.lastgroup == "word" and m.group(0).upper() == "SERVICE" for m in _TOKEN.finditer(text))


def _where_group_start(query_text: str) -> int:
    """Offset just after the ``{`` that opens the query's WHERE group."""
    query_form(query_text)
    first_brace = None
    seen_where = False
    for match in _TOKEN.finditer(query_text):
        kind = match.lastgroup
        if kind == "word" and match.group(0).upper() == "WHERE":
            seen_where = True
        elif kind == "brace":
            if seen_where:
                return match.end()
            if first_brace is None:
                first_brace = match.end()
    if first_brace is None:
        raise QueryError("the query has no WHERE group")
    return first_brace

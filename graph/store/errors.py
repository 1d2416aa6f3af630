"""The errors of graph.store.

In: nothing. Out: ``QueryError`` (a query, a parameter, a query source or a store that cannot be
used; the message says why), raised by every module of the package, and its case ``UnknownQuery``
(no library query has the name given).
"""
from __future__ import annotations


class QueryError(Exception):
    """A query, a parameter or a query source that cannot be used; the message says why."""


class UnknownQuery(QueryError):
    """No library query has the name given."""

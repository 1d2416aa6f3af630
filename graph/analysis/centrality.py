"""Centrality, communities and brokerage of a scope's graphs.

Measured on the undirected co-assignment graph (tie strength ``weight`` = shared tasks):
betweenness and closeness over the distance 1/weight, eigenvector, Louvain communities
and Burt's constraint over the strength. On the directed collaboration graph (lead →
other unit): weighted out/in degree, and PageRank with edges turned round (other unit →
lead), so that rank flows to the units that lead others.

networkx is the model; above a size limit the path measures are computed by igraph when it
is installed (same definitions; they agree on small graphs) and, when the graph is larger
still, from a fixed-seed sample of source nodes. Each measure records how it was computed.
"""
from __future__ import annotations

import math
import multiprocessing
import os
import random
import warnings
from dataclasses import dataclass, field
from operator import itemgetter

import networkx as nx

try:  # optional accelerator
    import igraph
except ImportError:  # pragma: no cover - depends on the environment
    igraph = None

# Distances are 1/weight in exact integer units (720720 = lcm(1..16)): equal-length paths
# then compare equal in every backend, so shortest-path counts do not depend on rounding.
DISTANCE_UNIT = 720720
MEASURES = ("out_strength", "in_strength", "partners", "betweenness", "closeness", "pagerank",
            "eigenvector", "constraint", "community")


@dataclass(frozen=True)
class CentralityOptions:
    """How centralities are computed; work is measured as nodes × edges of the co-assignment graph."""

    backend: str = "auto"               # auto | networkx | igraph
    seed: int = 42
    igraph_above: int = 250_000         # auto: igraph (when installed) for graphs with more work than this
    networkx_exact_limit: int = 2_000_000
    igraph_exact_limit: int = 20_000_000
    sample_k: int = 256                 # sampled sources (betweenness) and pivots (closeness)
    pagerank_alpha: float = 0.85
    eigenvector_max_iter: int = 1000
    workers: int = 0                    # worker processes (run_analysis: reading a large graph.ttl and measuring
                                        # scopes; analyse: compute_many): 0 = the machine's cores, 1 = none
    parallel_above: int = 20_000_000    # compute_many (analyse) only: total work of all scopes above which
                                        # the scopes are spread over forked workers


@dataclass
class Centralities:
    """Measures per node, and how each measure was computed."""

    values: dict[str, dict[str, float | int | None]]   # node → measure → value
    methods: dict[str, str] = field(default_factory=dict)


def _distance(weight: float) -> int:
    return max(1, round(DISTANCE_UNIT / weight))


def _backend(nodes: int, edges: int, options: CentralityOptions) -> str:
    """The backend for a co-assignment graph of ``nodes`` and ``edges``."""
    backend = options.backend
    if backend == "auto":
        backend = "networkx" if nodes * max(1, edges) <= options.igraph_above or igraph is None else "igraph"
    if backend == "igraph" and igraph is None:
        raise RuntimeError("backend 'igraph' requested but python-igraph is not installed")
    return backend


def choose_backend(co_graph: nx.Graph, options: CentralityOptions) -> tuple[str, bool]:
    """(backend, exact) for a co-assignment graph of this size."""
    work = co_graph.number_of_nodes() * max(1, co_graph.number_of_edges())
    backend = _backend(co_graph.number_of_nodes(), co_graph.number_of_edges(), options)
    limit = options.networkx_exact_limit if backend == "networkx" else options.igraph_exact_limit
    return backend, work <= limit or co_graph.number_of_nodes() <= options.sample_k


def compute_centralities(collab: nx.DiGraph, co_graph: nx.Graph,
                         options: CentralityOptions = CentralityOptions()) -> Centralities:
    """All measures for every node of the two graphs (same node set)."""
    nodes = sorted(co_graph)
    if not nodes:
        return _centralities(nodes, {}, {}, {}, {})
    backend, exact = choose_backend(co_graph, options)
    if backend == "igraph":
        index = {v: i for i, v in enumerate(nodes)}
        return igraph_centralities(nodes, [(index[u], index[v], w) for u, v, w in co_graph.edges(data="weight")],
                                   [(index[u], index[v], w) for u, v, w in collab.edges(data="weight")], options)
    sample = None if exact else sorted(random.Random(options.seed).sample(nodes, options.sample_k))
    strengths = {n: (collab.out_degree(n, weight="weight") if n in collab else 0,
                     collab.in_degree(n, weight="weight") if n in collab else 0, co_graph.degree(n)) for n in nodes}
    measures = _networkx_measures(collab, co_graph, nodes, sample, options)
    return _centralities(nodes, strengths, measures, {"backend": backend, "how": _how(exact, options)})


def igraph_centralities(nodes: list[str], co_edges: list[tuple[int, int, int]],
                        collab_edges: list[tuple[int, int, int]], options: CentralityOptions) -> Centralities:
    """``compute_centralities`` by igraph of graphs given as sorted ``nodes`` and (i, j, weight) edges,
    in the order networkx reports the edges of the same graphs."""
    n = len(nodes)
    exact = n * max(1, len(co_edges)) <= options.igraph_exact_limit or n <= options.sample_k
    sample = None if exact else sorted(random.Random(options.seed).sample(nodes, options.sample_k))
    out_strength, in_strength, partners = [0] * n, [0] * n, [0] * n
    for i, j, w in collab_edges:
        out_strength[i] += w
        in_strength[j] += w
    for i, j, _ in co_edges:
        partners[i] += 1
        partners[j] += 1
    strengths = {v: (out_strength[k], in_strength[k], partners[k]) for k, v in enumerate(nodes)}
    measures = _igraph_measures(nodes, co_edges, collab_edges, sample, options)
    return _centralities(nodes, strengths, measures, {"backend": "igraph", "how": _how(exact, options)})


def _how(exact: bool, options: CentralityOptions) -> str:
    return "exact" if exact else f"sampled k={options.sample_k} seed={options.seed}"


def _centralities(nodes: list[str], strengths: dict[str, tuple], measures: dict, names: dict[str, str]) -> Centralities:
    """Centralities from each node's (out strength, in strength, partners) and the other measures
    ((per node, method) by name; ``names`` fills the methods' {backend} and {how})."""
    values: dict[str, dict[str, float | int | None]] = {}
    for v in nodes:
        values[v] = dict(zip(("out_strength", "in_strength", "partners"), strengths[v]))
    methods = {"out_strength": "collaboration graph, sum of shared tasks",
               "in_strength": "collaboration graph, sum of shared tasks",
               "partners": "co-assignment graph, number of distinct units"}
    for name, (per_node, method) in measures.items():
        for v in nodes:
            values[v][name] = per_node.get(v)
        methods[name] = method.format(**names)
    return Centralities(values, methods)


def _networkx_measures(collab, co_graph, nodes, sample, options):
    path_backend = "{backend}"
    if sample is None and options.backend == "auto" and igraph is not None:
        betweenness, closeness = _igraph_exact_paths(co_graph, nodes)   # same paths, much faster
        path_backend = "igraph"
    else:
        betweenness, closeness = _networkx_paths(co_graph, nodes, sample)
    eigen, eigen_method = _networkx_eigenvector(co_graph, options)
    communities = nx.community.louvain_communities(co_graph, weight="weight", seed=options.seed)
    constraint = burt_constraint(co_graph)
    return {
        "betweenness": (betweenness, f"co-assignment graph, distance 1/weight, {path_backend} {{how}}"),
        "closeness": (closeness, f"co-assignment graph, distance 1/weight, Wasserman-Faust, {path_backend} {{how}}"),
        "pagerank": (pagerank(collab.reverse(copy=False), options.pagerank_alpha),
                     "collaboration graph reversed (other unit → lead), alpha "
                     f"{options.pagerank_alpha}, power iteration"),
        "eigenvector": (eigen, eigen_method),
        "constraint": (_nan_to_none(constraint), "co-assignment graph, Burt's constraint, {backend}"),
        "community": (_number_communities(communities),
                      f"co-assignment graph, Louvain seed={options.seed}, {{backend}}"),
    }


def _networkx_paths(co_graph: nx.Graph, nodes: list[str], sample: list[str] | None):
    """Betweenness and closeness by networkx, exact or from the sampled sources."""
    dist = nx.Graph()
    dist.add_nodes_from(nodes)
    dist.add_weighted_edges_from(((u, v, _distance(w)) for u, v, w in co_graph.edges(data="weight")),
                                 weight="distance")
    n = len(nodes)
    if sample is None:
        raw = nx.betweenness_centrality(dist, weight="distance", normalized=False)
        closeness = nx.closeness_centrality(dist, distance="distance")
        return _normalise_betweenness(raw, n), {v: c * DISTANCE_UNIT for v, c in closeness.items()}
    raw = nx.betweenness_centrality_subset(dist, sample, nodes, weight="distance")
    betweenness = _normalise_betweenness({v: b * n / len(sample) for v, b in raw.items()}, n)
    lengths = {s: nx.single_source_dijkstra_path_length(dist, s, weight="distance") for s in sample}
    return betweenness, _pivot_closeness(nodes, dist, lengths)


def _igraph_exact_paths(co_graph: nx.Graph, nodes: list[str]) -> tuple[dict[str, float], dict[str, float]]:
    """Exact betweenness and closeness of a small graph by igraph (distance 1/weight).

    Betweenness counts the same shortest paths as networkx (integer distances), summed in another
    order; closeness is computed from igraph's distances with networkx's formula, so it is identical.
    """
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in co_graph.edges()]
    distances = [_distance(w) for _, _, w in co_graph.edges(data="weight")]
    g = igraph.Graph(n=len(nodes), edges=edges)
    n = len(nodes)
    betweenness = _normalise_betweenness(dict(zip(nodes, g.betweenness(weights=distances))), n)
    closeness = {}
    for v, row in zip(nodes, g.distances(weights=distances)):
        reach = [d for d in row if d != math.inf]
        total = int(sum(reach))   # integer distances: the sum is exact, as networkx's
        value = 0.0
        if total > 0 and n > 1:
            value = (len(reach) - 1.0) / total
            value *= (len(reach) - 1.0) / (n - 1)
        closeness[v] = value * DISTANCE_UNIT
    return betweenness, closeness


def _networkx_eigenvector(co_graph: nx.Graph, options: CentralityOptions):
    try:
        eigen = eigenvector_centrality(co_graph, weight="weight", max_iter=options.eigenvector_max_iter)
        return eigen, "co-assignment graph, eigenvector (unit length), {backend}"
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
        return (nx.degree_centrality(co_graph),
                "degree centrality: eigenvector did not converge (fallback), {backend}")


def eigenvector_centrality(graph: nx.Graph, weight: str = "weight", max_iter: int = 100,
                           tol: float = 1.0e-6) -> dict[str, float]:
    """``nx.eigenvector_centrality`` step for step (same additions in the same order, so the same
    floats) on index lists instead of dictionaries."""
    nodes = list(graph)
    if not nodes:
        raise nx.NetworkXPointlessConcept("cannot compute centrality for the null graph")
    index = {v: i for i, v in enumerate(nodes)}
    adjacency = [[(index[nbr], data.get(weight, 1)) for nbr, data in graph[v].items()] for v in nodes]
    n = len(nodes)
    x = [1 / n] * n
    for _ in range(max_iter):
        last = x
        x = list(last)
        for i, neighbours in enumerate(adjacency):
            xi = last[i]
            for j, w in neighbours:
                x[j] += xi * w
        norm = math.hypot(*x) or 1
        x = [v / norm for v in x]
        if sum(abs(a - b) for a, b in zip(x, last)) < n * tol:
            return dict(zip(nodes, x))
    raise nx.PowerIterationFailedConvergence(max_iter)


def _igraph_measures(nodes, co_edges, collab_edges, sample, options):
    """The igraph counterparts of the networkx measures, with how each was computed."""
    index = {n: i for i, n in enumerate(nodes)}
    weights = [w for _, _, w in co_edges]
    g = igraph.Graph(n=len(nodes), edges=[(i, j) for i, j, _ in co_edges])
    distances = [_distance(w) for w in weights]
    n = len(nodes)
    if sample is None:
        raw = g.betweenness(weights=distances)
    else:
        raw = g.betweenness(weights=distances, sources=[index[s] for s in sample], targets=range(n))
        raw = [b * n / len(sample) for b in raw]
    betweenness = _normalise_betweenness(dict(zip(nodes, raw)), n)
    closeness = _igraph_closeness(g, nodes, index, distances, sample)
    eigen, eigen_method = _igraph_eigenvector(g, nodes, weights)
    communities = _igraph_communities(g, nodes, weights, options.seed)
    constraint = dict(zip(nodes, g.constraint(weights=weights)))
    pr = _igraph_pagerank(collab_edges, n, options.pagerank_alpha)
    return {
        "betweenness": (betweenness, "co-assignment graph, distance 1/weight, {backend} {how}"),
        "closeness": (closeness, "co-assignment graph, distance 1/weight, Wasserman-Faust, {backend} {how}"),
        "pagerank": (dict(zip(nodes, pr)), "collaboration graph reversed (other unit → lead), alpha "
                     f"{options.pagerank_alpha}, igraph PRPACK"),
        "eigenvector": (eigen, eigen_method),
        "constraint": (_nan_to_none(constraint), "co-assignment graph, Burt's constraint, {backend}"),
        "community": (_number_communities(communities),
                      f"co-assignment graph, Louvain (multilevel) seed={options.seed}, {{backend}}"),
    }


def _igraph_closeness(g, nodes, index, distances, sample):
    """Wasserman-Faust closeness over 1/weight distances, exact or from the sampled sources."""
    n = len(nodes)
    components = list(g.connected_components())
    if sample is None:
        component_size = {nodes[i]: len(comp) for comp in components for i in comp}
        close = g.closeness(weights=distances, normalized=True)
        closeness = {}
        for v, c in zip(nodes, close):
            reach = component_size[v]
            closeness[v] = 0.0 if reach <= 1 or c != c else c * DISTANCE_UNIT * (reach - 1) / (n - 1)
        return closeness
    sources = [index[s] for s in sample]
    rows = g.distances(source=sources, weights=distances)
    values = [0.0] * n
    for comp in components:   # a node's distances are finite to the pivots of its own component only
        if len(comp) > 1:
            _component_closeness(comp, sources, rows, n, values)
    return dict(zip(nodes, values))


def _component_closeness(comp: list[int], sources: list[int], rows: list[list[float]], n: int,
                         values: list[float]) -> None:
    """Set the closeness of a component's nodes in ``values`` from their distances to the pivots in
    the component (``rows``: each pivot's distances), in pivot order."""
    members = set(comp)
    pivots = [k for k, source in enumerate(sources) if source in members]
    own = {sources[k]: position for position, k in enumerate(pivots)}   # a pivot's distance to itself is left out
    pick = itemgetter(*comp)
    for j, column in zip(comp, zip(*(pick(rows[k]) for k in pivots))):
        ds = list(column)
        if j in own:
            del ds[own[j]]
        values[j] = _pivot_value(ds, len(comp), n)


def _igraph_eigenvector(g, nodes, weights):
    """Unit-length eigenvector centrality (uniform on an edgeless graph) and how it was computed."""
    n = len(nodes)
    if g.ecount():
        with warnings.catch_warnings():  # igraph warns on disconnected graphs; the values are still defined
            warnings.simplefilter("ignore", RuntimeWarning)
            eig = g.eigenvector_centrality(scale=True, weights=weights)
        norm = math.sqrt(sum(x * x for x in eig)) or 1.0
        return ({v: x / norm for v, x in zip(nodes, eig)},
                "co-assignment graph, eigenvector (unit length), igraph ARPACK")
    return ({v: 1 / math.sqrt(n) for v in nodes},
            "co-assignment graph, eigenvector of an edgeless graph (uniform)")


def _igraph_communities(g, nodes, weights, seed):
    """Louvain communities with igraph's generator seeded, Python's random state restored after."""
    state = random.getstate()
    igraph.set_random_number_generator(random.Random(seed))
    try:
        parts = g.community_multilevel(weights=weights) if g.ecount() else [[i] for i in range(len(nodes))]
    finally:
        igraph.set_random_number_generator(random)
        random.setstate(state)
    return [{nodes[i] for i in part} for part in parts]


def _igraph_pagerank(collab_edges: list[tuple[int, int, int]], n: int, alpha: float) -> list[float]:
    """PageRank on the reversed collaboration graph (other unit → lead), in node order."""
    rev = igraph.Graph(n=n, edges=[(j, i) for i, j, _ in collab_edges], directed=True)
    return rev.pagerank(weights=[w for _, _, w in collab_edges] or None, damping=alpha, directed=True)


def _normalise_betweenness(raw: dict[str, float], n: int) -> dict[str, float]:
    """Undirected betweenness (each pair once) scaled to [0, 1] as networkx's ``normalized=True``."""
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    return {v: b * scale for v, b in raw.items()}


def _pivot_closeness(nodes, dist, lengths):
    """Closeness estimated from the distances to sampled pivots (Eppstein–Wang), Wasserman-Faust scaled."""
    component_size = {}
    for comp in nx.connected_components(dist):
        for v in comp:
            component_size[v] = len(comp)
    n = len(nodes)
    return {v: _pivot_value([lengths[s][v] for s in lengths if s != v and v in lengths[s]], component_size[v], n)
            for v in nodes}


def _pivot_value(ds: list[float], reach: int, n: int) -> float:
    """A node's closeness from its distances to the pivots (in pivot order) and the size of its component."""
    if not ds or reach <= 1:
        return 0.0
    mean = sum(ds) / len(ds) / DISTANCE_UNIT
    return (reach - 1) / (n - 1) / mean


def pagerank(graph: nx.DiGraph, alpha: float = 0.85, weight: str = "weight",
             tol: float = 1.0e-10, max_iter: int = 1000) -> dict[str, float]:
    """PageRank by power iteration (dangling nodes spread uniformly), as networkx defines it."""
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    index = {u: i for i, u in enumerate(nodes)}
    out_weight = [graph.out_degree(u, weight=weight) for u in nodes]
    dangling_nodes = [i for i, w in enumerate(out_weight) if w == 0]
    rank = [1.0 / n] * n
    edges = [(index[u], index[v], d.get(weight, 1) / out_weight[index[u]]) for u, v, d in graph.edges(data=True)]
    for _ in range(max_iter):   # the same additions in the same order as on dictionaries
        dangling = alpha * sum(rank[i] for i in dangling_nodes) / n
        nxt = [(1.0 - alpha) / n + dangling] * n
        for u, v, share in edges:
            nxt[v] += alpha * rank[u] * share
        err = sum(abs(a - b) for a, b in zip(nxt, rank))
        rank = nxt
        if err < n * tol:
            break
    return dict(zip(nodes, rank))


def burt_constraint(graph: nx.Graph, weight: str = "weight") -> dict[str, float | None]:
    """Burt's constraint of each node of an undirected graph (as ``nx.constraint``; None for isolates).

    c(i) = Σ_j (p_ij + Σ_q p_iq p_qj)², p_ij = w_ij / Σ_k w_ik; summed in one pass over
    neighbours of neighbours instead of networkx's repeated normalisation.
    """
    share: dict[str, dict[str, float]] = {}
    for node, neighbours in graph.adjacency():
        total = sum(d.get(weight, 1) for v, d in neighbours.items() if v != node)
        share[node] = {v: d.get(weight, 1) / total for v, d in neighbours.items() if v != node} if total else {}
    result: dict[str, float | None] = {}
    for i, p_i in share.items():
        if not p_i:
            result[i] = None
            continue
        reach = dict(p_i)
        for q, p_iq in p_i.items():
            for j, p_qj in share[q].items():
                if j != i and j in p_i:
                    reach[j] += p_iq * p_qj
        result[i] = sum(x * x for x in reach.values())
    return result


def _nan_to_none(values: dict[str, float]) -> dict[str, float | None]:
    return {v: (None if x is None or x != x else x) for v, x in values.items()}


def _number_communities(communities: list[set[str]]) -> dict[str, int]:
    """Community numbers 1, 2, … by size (largest first), ties by smallest member."""
    ordered = sorted((sorted(c) for c in communities if c), key=lambda c: (-len(c), c[0]))
    return {v: i for i, members in enumerate(ordered, 1) for v in members}


_PENDING: list[tuple[nx.DiGraph, nx.Graph, CentralityOptions]] = []   # read by forked workers


def _pending_job(index: int) -> Centralities:
    collab, co_graph, options = _PENDING[index]
    return compute_centralities(collab, co_graph, options)


def compute_many(pairs: list[tuple[nx.DiGraph, nx.Graph]],
                 options: CentralityOptions = CentralityOptions()) -> list[Centralities]:
    """``compute_centralities`` of many scopes, spread over forked processes when the work is large.

    The results are the same as one by one (every measure is deterministic); only the time differs.
    """
    workers = options.workers or os.cpu_count() or 1
    work = [co.number_of_nodes() * co.number_of_edges() for _, co in pairs]
    if (workers <= 1 or len(pairs) < 2 or sum(work) < options.parallel_above
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [compute_centralities(collab, co, options) for collab, co in pairs]
    global _PENDING
    _PENDING = [(collab, co, options) for collab, co in pairs]
    order = sorted(range(len(pairs)), key=lambda i: -work[i])   # largest first balances the workers
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, len(pairs))) as pool:
            done = pool.map(_pending_job, order, chunksize=1)
    finally:
        _PENDING = []
    results: list[Centralities | None] = [None] * len(pairs)
    for i, result in zip(order, done):
        results[i] = result
    return results  # type: ignore[return-value]


@dataclass(slots=True)
class CentralityJob:
    """A scope's two graphs in a compact, picklable form: sorted nodes and (i, j, weight) edges
    in the order the graphs were built (so a worker rebuilds the very same graphs)."""

    nodes: list[str]
    collaboration: list[tuple[int, int, int]]
    co_assignment: list[tuple[int, int, int]]

    @classmethod
    def of(cls, nodes: list[str], collab_weights: dict, co_weights: dict) -> "CentralityJob":
        index = {v: i for i, v in enumerate(nodes)}
        return cls(nodes, [(index[u], index[v], w) for (u, v), w in collab_weights.items()],
                   [(index[u], index[v], w) for (u, v), w in co_weights.items()])

    def graphs(self) -> tuple[nx.DiGraph, nx.Graph]:
        """The collaboration and co-assignment graphs."""
        from graph.analysis.graphs import weighted_graph

        nodes = self.nodes
        return (weighted_graph(nodes, [(nodes[i], nodes[j], w) for i, j, w in self.collaboration], directed=True),
                weighted_graph(nodes, [(nodes[i], nodes[j], w) for i, j, w in self.co_assignment], directed=False))

    @property
    def work(self) -> int:
        return len(self.nodes) * len(self.co_assignment)

    def edges_as_networkx_lists(self) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
        """The co-assignment and collaboration edges in the order networkx reports them from
        :meth:`graphs` (node by node, each node's edges in the order they were added; an undirected
        edge once), without building the graphs."""
        n = len(self.nodes)
        neighbours: list[dict[int, int]] = [{} for _ in range(n)]
        for i, j, w in self.co_assignment:
            neighbours[i][j] = neighbours[j][i] = w
        successors: list[dict[int, int]] = [{} for _ in range(n)]
        for i, j, w in self.collaboration:
            successors[i][j] = w
        return ([(i, j, w) for i in range(n) for j, w in neighbours[i].items() if j >= i],
                [(i, j, w) for i in range(n) for j, w in successors[i].items()])


def run_job(job: CentralityJob, options: CentralityOptions) -> tuple[dict[str, str], dict[str, list]]:
    """(methods, measure → values in ``job.nodes`` order) of one scope."""
    backend = _backend(len(job.nodes), len(job.co_assignment), options)
    if backend == "igraph" and job.nodes and job.nodes == sorted(job.nodes):
        result = igraph_centralities(job.nodes, *job.edges_as_networkx_lists(), options)
    else:
        collab, co = job.graphs()
        result = compute_centralities(collab, co, options)
    columns = {m: [result.values[n].get(m) for n in job.nodes] for m in MEASURES if m in result.methods}
    return result.methods, columns


def unpack(job_nodes: list[str], packed: tuple[dict[str, str], dict[str, list]]) -> Centralities:
    """A ``run_job`` answer as ``Centralities``."""
    methods, columns = packed
    present = [m for m in MEASURES if m in methods]
    values = {n: {m: columns[m][i] for m in present} for i, n in enumerate(job_nodes)}
    return Centralities(values, methods)

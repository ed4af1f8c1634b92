"""Min-cost flow backends. Each takes a :class:`Network` and returns the flow on every arc.

``ortools`` (OR-Tools SimpleMinCostFlow, cost scaling) is the default; ``networkx``
(network simplex in pure Python) is the peer that the benchmark and the test battery
compare against.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .network import IntArray, Network


class SolverError(RuntimeError):
    pass


class Infeasible(Exception):
    """The strict model has no feasible flow."""


def solve_ortools(net: Network, costs: IntArray | None = None) -> IntArray:
    from ortools.graph.python import min_cost_flow

    mcf = min_cost_flow.SimpleMinCostFlow()
    mcf.add_arcs_with_capacity_and_unit_cost(
        net.tails, net.heads, net.caps, net.costs if costs is None else costs
    )
    mcf.set_nodes_supplies(np.arange(net.n_nodes, dtype=np.int64), net.supplies)
    status = mcf.solve()
    if status == mcf.INFEASIBLE:
        raise Infeasible
    if status != mcf.OPTIMAL:
        raise SolverError(f"OR-Tools min-cost flow ended with status {status}")
    return np.asarray(mcf.flows(np.arange(len(net.tails), dtype=np.int64)), dtype=np.int64)


def solve_networkx(net: Network, costs: IntArray | None = None) -> IntArray:
    import networkx as nx

    g = nx.MultiDiGraph()
    for node, supply in enumerate(net.supplies.tolist()):
        g.add_node(node, demand=-supply)
    weights = (net.costs if costs is None else costs).tolist()
    for a, (u, v, c, w) in enumerate(
        zip(net.tails.tolist(), net.heads.tolist(), net.caps.tolist(), weights, strict=True)
    ):
        g.add_edge(u, v, key=a, capacity=c, weight=w)
    try:
        flow = nx.min_cost_flow(g)
    except nx.NetworkXUnfeasible as exc:
        raise Infeasible from exc
    out = np.zeros(len(net.tails), dtype=np.int64)
    for a, (u, v) in enumerate(zip(net.tails.tolist(), net.heads.tolist(), strict=True)):
        out[a] = flow[u][v][a]
    return out


BACKENDS: dict[str, Callable[..., IntArray]] = {"ortools": solve_ortools, "networkx": solve_networkx}

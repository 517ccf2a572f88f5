#!/usr/bin/env python3
"""Print every import cycle among the modules of annotators and tui; exit 1 if there is one.

The import graph is grimp's (the library import-linter is built on): every import statement counts,
at module level, inside a function or under ``TYPE_CHECKING``. A cycle is a strongly connected
component of more than one module (Tarjan's algorithm), printed as its modules; a package's
``__init__`` importing its own submodules is how packages work and is not counted.

    python scripts/import_cycles.py
"""

from __future__ import annotations

import sys

import grimp

PACKAGES = ("annotators", "tui")


def import_graph() -> dict[str, set[str]]:
    graph = grimp.build_graph(*PACKAGES)
    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        if not module.startswith(PACKAGES):
            continue
        imported = graph.find_modules_directly_imported_by(module)
        # a package importing its own submodules (re-exports) is not a cycle of the design
        edges[module] = {m for m in imported if m.startswith(PACKAGES) and not m.startswith(module + ".")}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def main() -> int:
    edges = import_graph()
    found = cycles(edges)
    for component in found:
        print("cycle:", " <-> ".join(component))
    print(f"{len(edges)} modules, {sum(map(len, edges.values()))} imports, {len(found)} cycles")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

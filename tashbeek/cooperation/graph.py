"""The cooperation graph drawn on the server: organisations on a circle, a line for each
pair that has agreements (thicker for more), as plain SVG the page embeds, so it is read
without JavaScript and printed as it is seen."""

import math
from dataclasses import dataclass

SIZE = 640
RADIUS = 250


@dataclass
class Node:
    pk: int
    name: str
    url: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    member: bool
    degree: int


@dataclass
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    count: int
    names: str


def layout(graph) -> dict:
    """Positions for the nodes and edges of selectors.Graph, in a SIZE × SIZE view box."""
    centre = SIZE / 2
    count = max(len(graph.nodes), 1)
    degree = {o.pk: 0 for o in graph.nodes}
    for a, b, n in graph.edges:
        degree[a] += n
        degree[b] += n
    nodes = {}
    for i, org in enumerate(graph.nodes):
        angle = 2 * math.pi * i / count - math.pi / 2
        cos, sin = math.cos(angle), math.sin(angle)
        nodes[org.pk] = Node(
            pk=org.pk,
            name=org.name,
            url=org.get_absolute_url(),
            x=round(centre + RADIUS * cos, 1),
            y=round(centre + RADIUS * sin, 1),
            label_x=round(centre + (RADIUS + 12) * cos, 1),
            label_y=round(centre + (RADIUS + 12) * sin + 4, 1),
            # The template draws labels with direction="ltr", so "start" is the left edge
            # whatever the page's language and the label points away from the circle.
            anchor="start" if cos >= 0 else "end",
            member=org.relation == "member",
            degree=degree[org.pk],
        )
    edges = [
        Edge(
            x1=nodes[a].x,
            y1=nodes[a].y,
            x2=nodes[b].x,
            y2=nodes[b].y,
            width=min(1 + n, 6),
            count=n,
            names=f"{nodes[a].name} — {nodes[b].name}",
        )
        for a, b, n in graph.edges
    ]
    return {"size": SIZE, "nodes": list(nodes.values()), "edges": edges}

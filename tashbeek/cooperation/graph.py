"""The cooperation graph drawn on the server, as plain SVG the page embeds, so it is read
without JavaScript and printed as it is seen. Two layouts: organisations on a circle, or on
a map (their coordinates projected into the same box; those without coordinates are listed
under it). A line joins each pair with agreements, thicker for more."""

import math
from dataclasses import dataclass

SIZE = 640
RADIUS = 250
MARGIN = 60
NEAR = 18


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


def _circle(organisations) -> dict[int, tuple[float, float, float]]:
    """{pk: (x, y, cos)}: evenly on a circle, starting at the top."""
    centre, count = SIZE / 2, max(len(organisations), 1)
    places = {}
    for i, org in enumerate(organisations):
        angle = 2 * math.pi * i / count - math.pi / 2
        places[org.pk] = (
            centre + RADIUS * math.cos(angle),
            centre + RADIUS * math.sin(angle),
            math.cos(angle),
        )
    return places


def _map(organisations) -> dict[int, tuple[float, float, float]]:
    """{pk: (x, y, side)}: longitude and latitude scaled into the box (equirectangular,
    which is true enough at the scale of a region), keeping the aspect ratio."""
    located = [o for o in organisations if o.latitude is not None and o.longitude is not None]
    if not located:
        return {}
    lats = [float(o.latitude) for o in located]
    lons = [float(o.longitude) for o in located]
    squeeze = math.cos(math.radians(sum(lats) / len(lats)))
    span = max((max(lons) - min(lons)) * squeeze, max(lats) - min(lats), 0.05)
    scale = (SIZE - 2 * MARGIN) / span
    middle_x = (max(lons) + min(lons)) / 2
    middle_y = (max(lats) + min(lats)) / 2
    points = {}
    for org, lat, lon in zip(located, lats, lons, strict=True):
        x = SIZE / 2 + (lon - middle_x) * squeeze * scale
        y = SIZE / 2 - (lat - middle_y) * scale
        points[org.pk] = (x, y)
    return _spread(points)


def _spread(points: dict[int, tuple[float, float]]) -> dict[int, tuple[float, float, float]]:
    """Neighbours closer than NEAR pixels (a commune and the next one, at a region's scale)
    are fanned out on a small circle around their centre, so each keeps a readable dot and
    label; the side of the label follows the fanned position."""
    groups: list[list[int]] = []
    for pk, (x, y) in sorted(points.items(), key=lambda item: item[1]):
        for group in groups:
            gx, gy = points[group[0]]
            if math.hypot(x - gx, y - gy) < NEAR:
                group.append(pk)
                break
        else:
            groups.append([pk])
    places = {}
    for group in groups:
        cx = sum(points[pk][0] for pk in group) / len(group)
        cy = sum(points[pk][1] for pk in group) / len(group)
        radius = 0 if len(group) == 1 else 14 + 5 * len(group)
        for i, pk in enumerate(group):
            angle = 2 * math.pi * i / len(group) - math.pi / 2
            x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            side = math.cos(angle) if radius else (1.0 if x >= SIZE / 2 else -1.0)
            places[pk] = (x, y, 1.0 if side >= 0 else -1.0)
    return places


def layout(graph, *, mode: str = "circle") -> dict:
    """Positions for the nodes and edges of selectors.Graph, in a SIZE × SIZE view box."""
    places = _map(graph.nodes) if mode == "map" else _circle(graph.nodes)
    degree = {o.pk: 0 for o in graph.nodes}
    for a, b, n in graph.edges:
        degree[a] += n
        degree[b] += n
    nodes = {}
    for org in graph.nodes:
        if org.pk not in places:
            continue
        x, y, side = places[org.pk]
        nodes[org.pk] = Node(
            pk=org.pk,
            name=org.name,
            url=org.get_absolute_url(),
            x=round(x, 1),
            y=round(y, 1),
            label_x=round(x + (12 if side >= 0 else -12), 1),
            label_y=round(y + 4, 1),
            # The template draws labels with direction="ltr", so "start" is the left edge
            # whatever the page's language and the label points away from the centre.
            anchor="start" if side >= 0 else "end",
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
        if a in nodes and b in nodes
    ]
    unplaced = [o for o in graph.nodes if o.pk not in nodes]
    return {"size": SIZE, "nodes": list(nodes.values()), "edges": edges, "unplaced": unplaced}

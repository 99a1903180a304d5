"""Cut the countries around Iraq, Syria and Jordan out of Natural Earth's world-110m TopoJSON.

The output, data/reference/region.geojson, is a small GeoJSON file the home-page map draws.
Natural Earth data is public domain; world-110m.json ships in the npm package vega-datasets.

    npm pack vega-datasets@3.2.1 && tar xzf vega-datasets-3.2.1.tgz
    python scripts/make_region_map.py package/data/world-110m.json data/reference/region.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

# ISO 3166-1 numeric code -> (alpha-2, name) for the countries the map shows.
REGION = {
    368: ("IQ", "Iraq"),
    760: ("SY", "Syria"),
    400: ("JO", "Jordan"),
    364: ("IR", "Iran"),
    792: ("TR", "Turkey"),
    682: ("SA", "Saudi Arabia"),
    414: ("KW", "Kuwait"),
    422: ("LB", "Lebanon"),
    376: ("IL", "Israel"),
    275: ("PS", "Palestine"),
    818: ("EG", "Egypt"),
    196: ("CY", "Cyprus"),
}


def decode_arcs(topology: dict[str, Any]) -> list[list[list[float]]]:
    """Undo TopoJSON quantisation and delta encoding."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, 3), round(y * sy + ty, 3)])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    points: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def to_feature(geometry: dict[str, Any], arcs: list[list[list[float]]]) -> dict[str, Any]:
    code, name = REGION[int(geometry["id"])]
    if geometry["type"] == "Polygon":
        coordinates: Any = [ring(r, arcs) for r in geometry["arcs"]]
    else:
        coordinates = [[ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
    return {
        "type": "Feature",
        "id": code,
        "properties": {"name": name},
        "geometry": {"type": geometry["type"], "coordinates": coordinates},
    }


def main(source: str, target: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    geometries = topology["objects"]["countries"]["geometries"]
    features = [to_feature(g, arcs) for g in geometries if int(g.get("id", -1)) in REGION]
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m countries (public domain), via vega-datasets 3.2.1 world-110m.json",
        "features": sorted(features, key=lambda f: f["id"]),
    }
    Path(target).write_text(json.dumps(collection, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

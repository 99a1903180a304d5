"""The map's frame: one projection for the site's map, the locator maps and the downloads' index.

Iraq, Syria and Jordan are drawn in an equirectangular projection scaled for their middle latitude;
every point is projected here, in Python, so the browser only places what it is given (no projection
code, and no third-party map library, runs in the reader's browser). Coordinates are rounded, so the
same data gives the same bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from markupsafe import escape

from generator.render.model import Chronology

CAMPAIGN_COUNTRIES = ("IQ", "SY", "JO")
WIDTH = 1000.0
MARGIN_DEGREES = 0.4
FALLBACK_BOX = (34.9, 29.1, 48.6, 37.4)  # lon min, lat min, lon max, lat max: Jordan, Syria, Iraq


@dataclass(frozen=True)
class Frame:
    west: float
    south: float
    east: float
    north: float
    features: tuple[tuple[str, tuple[tuple[tuple[float, float], ...], ...]], ...]  # (name, rings of (lon, lat))

    @cached_property
    def kx(self) -> float:
        """Map units per degree of longitude."""
        return WIDTH / (self.east - self.west)

    @cached_property
    def ky(self) -> float:
        """Map units per degree of latitude: longer, by how much a degree of longitude shrinks mid-frame."""
        return self.kx / math.cos(math.radians((self.north + self.south) / 2))

    @cached_property
    def height(self) -> float:
        return round((self.north - self.south) * self.ky, 1)

    def point(self, lat: float, lon: float) -> list[float]:
        return [round((lon - self.west) * self.kx, 1), round((self.north - lat) * self.ky, 1)]

    def path(self, rings: tuple[tuple[tuple[float, float], ...], ...]) -> str:
        parts = []
        for ring in rings:
            xy = [self.point(lat, lon) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in xy) + "Z")
        return "".join(parts)

    def centroid(self, name: str) -> list[float]:
        """The centre of a country's largest ring (by area), or of the frame when the map lacks it."""
        rings = [
            ring for feature_name, feature_rings in self.features if feature_name == name for ring in feature_rings
        ]
        if not rings:
            return [round(WIDTH / 2, 1), round(self.height / 2, 1)]
        ring = max(rings, key=lambda r: abs(_area(r)))
        area = _area(ring)
        if not area:
            return self.point(ring[0][1], ring[0][0])
        cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        return self.point(cy / (6 * area), cx / (6 * area))

    def land(self) -> list[dict[str, Any]]:
        """Each country as {name, d: SVG path, at: where its name goes}."""
        return [
            {"name": name, "d": self.path(rings), "at": self.centroid(name)} for name, rings in self.features if rings
        ]

    def describe(self) -> dict[str, Any]:
        return {"width": WIDTH, "height": self.height, "land": self.land(), "per_km": round(self.ky / 111.32, 4)}

    def svg(self) -> str:
        """The land as a standalone SVG file: the background of every locator map."""
        paths = "".join(f'<path d="{escape(country["d"])}"/>' for country in self.land())
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {self.height:g}">'
            f'<rect width="{WIDTH:g}" height="{self.height:g}" fill="#cfe3ef"/>'
            f'<g fill="#eceae4" stroke="#8d8d8d" stroke-width="1.5">{paths}</g></svg>\n'
        )


def _area(ring: tuple[tuple[float, float], ...]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


def map_frame(chronology: Chronology) -> Frame:
    """The frame around Iraq, Syria and Jordan (as the region map draws them), with every country in it."""
    features: list[tuple[str, tuple[tuple[tuple[float, float], ...], ...]]] = []
    for feature in chronology.region.get("features", []):
        name = str((feature.get("properties") or {}).get("name", ""))
        features.append((name, _rings(feature.get("geometry") or {})))
    campaign = {chronology.country_name(code) for code in CAMPAIGN_COUNTRIES}
    points = [p for name, rings in features if name in campaign for ring in rings for p in ring]
    if points:
        west = min(p[0] for p in points) - MARGIN_DEGREES
        east = max(p[0] for p in points) + MARGIN_DEGREES
        south = min(p[1] for p in points) - MARGIN_DEGREES
        north = max(p[1] for p in points) + MARGIN_DEGREES
    else:
        west, south, east, north = FALLBACK_BOX
    return Frame(west, south, east, north, tuple(features))


def _rings(geometry: dict[str, Any]) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Outer rings of a Polygon or MultiPolygon, as (lon, lat) tuples."""
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    rings = []
    for polygon in polygons:
        if polygon and polygon[0]:
            rings.append(tuple((float(p[0]), float(p[1])) for p in polygon[0]))
    return tuple(rings)


MAX_DOTS = 150  # a site with more events than this is one numbered disc on the map, linking to its list


def map_data(chronology: Chronology) -> dict[str, Any]:
    """What the map of every event draws (docs/javascripts/map.js): the frame and land, and each site with
    its position, how precise it is and its events (id, type, title), busiest first. Events at a site the
    reports do not name sit at the middle of their country."""
    frame = map_frame(chronology)
    sites = []
    for key, events in chronology.by_site.items():
        base = chronology.bases.get(key)
        if base is not None and "lat" in base and "lon" in base:
            name, xy, unnamed = str(base.get("name", key)), frame.point(base["lat"], base["lon"]), False
            href = f"bases/{key}/"
        else:
            country = chronology.country_name(events[0].country)
            name = f"Unnamed sites in {country}"
            if base is not None:  # a base without coordinates: placed, and marked, as its country
                name = f"{base.get('name', key)} (no coordinates: placed in {country})"
            xy, unnamed = frame.centroid(country), True
            href = f"bases/{key}/" if base is not None else f"chronology/?base={key}"
        site: dict[str, Any] = {
            "key": key,
            "name": name,
            "xy": xy,
            "unnamed": unnamed,
            "precision_km": base.get("precision_km") if base else None,
            "count": len(events),
            "href": href,
        }
        if len(events) <= MAX_DOTS:
            site["events"] = [[e.id, e.type, chronology.titles.get(e.id, e.id)] for e in reversed(events)]
        sites.append(site)
    sites.sort(key=lambda s: (-s["count"], s["key"]))
    return {"map": frame.describe(), "sites": sites, "events": len(chronology.events)}

"""Geo queries for the Suara stand-in: what mongomock lacks and Suara's "me too" search needs.

Supported, with a real mongod's semantics on GeoJSON points (a sphere of radius 6378.1 km, mongod's own constant):
- `{field: {$geoWithin: {$centerSphere: [[lng, lat], radians]}}}` (no index needed, like mongod);
- `{field: {$nearSphere: {$geometry: {type: 'Point', coordinates: [lng, lat]}, $maxDistance: m, $minDistance: m}}}`
  and the same with `$near` (on a 2dsphere index both are spherical, distances in metres). As on mongod, a near
  query needs a 2dsphere index on the field (else error 291), returns documents nearest first unless the find has
  its own sort, and is refused inside `count`/`aggregate` `$match` (error 2).
Not supported (NotImplemented, code 238): legacy coordinate pairs, `$geoWithin` with `$geometry`/`$box`/`$polygon`,
`$geoIntersects`. Only GeoJSON `Point` documents match; other shapes never do.
"""

import math
from collections.abc import Mapping

from mongomock import OperationFailure, filtering

EARTH_RADIUS_M = 6378.1 * 1000
NEAR_OPERATORS = ('$nearSphere', '$near')


class GeoError(Exception):
    """A geo query mongod would refuse, with mongod's error code."""

    def __init__(self, code, message, code_name):
        super().__init__(message)
        self.code = code
        self.code_name = code_name


def _lng_lat(value):
    """[lng, lat] of a GeoJSON Point, else None."""
    if not isinstance(value, Mapping) or value.get('type') != 'Point':
        return None
    coords = value.get('coordinates')
    if not isinstance(coords, (list, tuple)) or len(coords) != 2:
        return None
    if not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords):
        return None
    return float(coords[0]), float(coords[1])


def angle_between(a, b):
    """Central angle in radians between two [lng, lat] pairs (haversine)."""
    lng1, lat1 = map(math.radians, a)
    lng2, lat2 = map(math.radians, b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * math.asin(min(1.0, math.sqrt(h)))


def _center_sphere(spec):
    if not isinstance(spec, Mapping) or set(spec) != {'$centerSphere'}:
        raise NotImplementedError('the stand-in supports $geoWithin with $centerSphere only')
    center_radius = spec['$centerSphere']
    if not isinstance(center_radius, (list, tuple)) or len(center_radius) != 2:
        raise OperationFailure('$centerSphere needs [[lng, lat], radius]')
    center, radius = center_radius
    if not isinstance(center, (list, tuple)) or len(center) != 2 or not isinstance(radius, (int, float)):
        raise OperationFailure('$centerSphere needs [[lng, lat], radius]')
    return (float(center[0]), float(center[1])), float(radius)


def _geo_within(doc_val, spec):
    point = _lng_lat(doc_val)
    center, radius = _center_sphere(spec)
    return point is not None and angle_between(point, center) <= radius


def near_parts(spec):
    """(center [lng, lat], max metres or None, min metres) of a GeoJSON $near/$nearSphere spec."""
    if not isinstance(spec, Mapping) or '$geometry' not in spec:
        raise NotImplementedError('the stand-in supports $near/$nearSphere with $geometry (GeoJSON) only')
    center = _lng_lat(spec['$geometry'])
    if center is None:
        raise OperationFailure('$geometry of $near/$nearSphere must be a GeoJSON Point')
    max_d = spec.get('$maxDistance')
    min_d = spec.get('$minDistance', 0)
    return center, (float(max_d) if max_d is not None else None), float(min_d)


def _near(doc_val, spec):
    point = _lng_lat(doc_val)
    if point is None:
        return False
    center, max_d, min_d = near_parts(spec)
    metres = angle_between(point, center) * EARTH_RADIUS_M
    return metres >= min_d and (max_d is None or metres <= max_d)


def find_near(filter_doc):
    """(field, spec) of the one top-level $near/$nearSphere in a find filter (also inside a top-level $and)."""
    if not isinstance(filter_doc, Mapping):
        return None
    for key, value in filter_doc.items():
        if key == '$and' and isinstance(value, (list, tuple)):
            for part in value:
                found = find_near(part)
                if found:
                    return found
        elif not key.startswith('$') and isinstance(value, Mapping):
            for op in NEAR_OPERATORS:
                if op in value:
                    return key, value[op]
    return None


def has_near(value):
    """True when a near operator appears anywhere in a filter (refused where mongod refuses it)."""
    if isinstance(value, Mapping):
        return any(k in NEAR_OPERATORS or has_near(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(has_near(v) for v in value)
    return False


def check_near_index(coll, field):
    """mongod answers error 291 when a near query has no 2dsphere index on its field."""
    for index in coll.index_information().values():
        if any(k == field and v == '2dsphere' for k, v in index.get('key', [])):
            return
    raise GeoError(291, 'error processing query: planner returned error :: caused by :: '
                   'unable to find index for $geoNear query', 'NoQueryExecutionPlans')


def refuse_near(filter_doc):
    """`count`/`$match` with a near operator: mongod's error 2."""
    if has_near(filter_doc):
        raise GeoError(2, '$geoNear, $near, and $nearSphere are not allowed in this context', 'BadValue')


def distance_to(doc, field, center):
    """Metres from a document's point at `field` to `center` (infinity when it has none)."""
    value = doc
    for part in field.split('.'):
        value = value.get(part) if isinstance(value, Mapping) else None
    point = _lng_lat(value)
    return math.inf if point is None else angle_between(point, center) * EARTH_RADIUS_M


def apply():
    """Teach mongomock's matcher the operators (idempotent)."""
    ops = filtering._filterer_inst._operator_map  # pylint: disable=protected-access
    ops['$geoWithin'] = _geo_within
    ops['$nearSphere'] = _near
    ops['$near'] = _near

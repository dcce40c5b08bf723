/** Small geometry helpers for shared location pins: great-circle distance and point-in-polygon. */

/** A latitude/longitude pair in degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function inRing(p: LatLng, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point lies inside a GeoJSON polygon ([lng, lat] rings; first ring outer, the rest holes). */
export function inPolygon(p: LatLng, polygon: { coordinates: number[][][] }): boolean {
  const [outer, ...holes] = polygon.coordinates;
  return !!outer && inRing(p, outer) && !holes.some((h) => inRing(p, h));
}

/** True for a finite, in-range coordinate pair. */
export function isValidPoint(p: unknown): p is LatLng {
  const q = p as LatLng | null;
  return (
    !!q &&
    typeof q.lat === 'number' &&
    typeof q.lng === 'number' &&
    Number.isFinite(q.lat) &&
    Number.isFinite(q.lng) &&
    Math.abs(q.lat) <= 90 &&
    Math.abs(q.lng) <= 180
  );
}

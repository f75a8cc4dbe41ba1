// Per-event network and geofence rules. Pure.
import { anyCidrContains, parseCidr, type Cidr } from "../net/cidr";

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The browser's reported accuracy earns at most this much slack (a phone indoors reports ~20–60 m). */
export const MAX_ACCURACY_SLACK_M = 50;

export function insideGeofence(
  fence: { lat: number; lng: number; radiusM: number },
  at: { lat: number; lng: number; accuracyM?: number },
): boolean {
  const slack = Math.min(Math.max(at.accuracyM ?? 0, 0), MAX_ACCURACY_SLACK_M);
  return distanceMeters(fence, at) <= fence.radiusM + slack;
}

const cidrCache = new Map<string, Cidr[]>();
/** Empty list = any network. */
export function networkAllowed(allowedCidrs: string, ip: string): boolean {
  if (!allowedCidrs.trim()) return true;
  let ranges = cidrCache.get(allowedCidrs);
  if (!ranges) {
    ranges = allowedCidrs.split(",").map((s) => parseCidr(s)).filter((c): c is Cidr => c !== null);
    if (cidrCache.size > 1000) cidrCache.clear();
    cidrCache.set(allowedCidrs, ranges);
  }
  return anyCidrContains(ranges, ip);
}

import { describe, expect, it } from "vitest";
import { distanceMeters, insideGeofence, MAX_ACCURACY_SLACK_M, networkAllowed } from "./location";

describe("geofence", () => {
  const room = { lat: 52.2053, lng: 0.1218, radiusM: 50 };
  it("measures great-circle distances", () => {
    expect(distanceMeters({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBeCloseTo(111_195, -2);
    expect(distanceMeters(room, room)).toBe(0);
  });
  it("accepts inside the radius, refuses outside, and grants at most the accuracy cap", () => {
    expect(insideGeofence(room, { lat: 52.2055, lng: 0.1218 })).toBe(true); // ~22 m
    expect(insideGeofence(room, { lat: 52.2060, lng: 0.1218 })).toBe(false); // ~78 m
    expect(insideGeofence(room, { lat: 52.2060, lng: 0.1218, accuracyM: 60 })).toBe(true);
    expect(insideGeofence(room, { lat: 52.2070, lng: 0.1218, accuracyM: 5000 })).toBe(false); // ~190 m > 50 + cap
    expect(MAX_ACCURACY_SLACK_M).toBe(50);
  });
});

describe("allowed networks", () => {
  it("empty means any network", () => expect(networkAllowed("", "203.0.113.9")).toBe(true));
  it("matches IPv4, IPv6 and IPv4-mapped addresses", () => {
    expect(networkAllowed("10.0.0.0/8,2001:db8::/32", "10.20.30.40")).toBe(true);
    expect(networkAllowed("10.0.0.0/8,2001:db8::/32", "::ffff:10.1.2.3")).toBe(true);
    expect(networkAllowed("10.0.0.0/8,2001:db8::/32", "2001:db8:1::5")).toBe(true);
    expect(networkAllowed("10.0.0.0/8,2001:db8::/32", "11.0.0.1")).toBe(false);
    expect(networkAllowed("10.0.0.0/8", "unknown")).toBe(false);
  });
});

// Step 2 of a scan: may this user mark this event now, from here? Check-in open at the scan
// time, a student account, an allowed network and (when the event has one) inside the geofence.
import type { AuthUser } from "../auth/authenticate";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { isCheckinOpen } from "../events/checkin";
import { insideGeofence, networkAllowed } from "./location";
import type { ScanTarget } from "./scan-target";

export interface ScanLocation {
  latitude?: number;
  longitude?: number;
  accuracy_m?: number;
}

/** Throws the first reason this mark may not be made; `at` is the scan time. */
export function checkEligibility(ctx: Ctx, user: AuthUser, target: ScanTarget, at: Date, where: ScanLocation): void {
  const event = target.event;
  if (!isCheckinOpen(event, at)) throw new AppError("event_closed", `Check-in for “${event.title}” is closed.`);
  if (user.role !== "student") throw new AppError("not_a_student", "Only student accounts can mark attendance.");
  if (!networkAllowed(event.allowedCidrs, ctx.ip)) {
    throw new AppError("network_not_allowed", "Attendance for this event can only be marked from the campus network. Turn off mobile data and join the campus Wi-Fi.");
  }
  if (event.geofenceLat !== null && event.geofenceLng !== null && event.geofenceRadiusM !== null) {
    if (where.latitude === undefined || where.longitude === undefined) {
      throw new AppError("location_required", "This event checks that you are in the room. Allow location access and scan again.");
    }
    const fence = { lat: event.geofenceLat, lng: event.geofenceLng, radiusM: event.geofenceRadiusM };
    if (!insideGeofence(fence, { lat: where.latitude, lng: where.longitude, accuracyM: where.accuracy_m })) {
      throw new AppError("location_outside_geofence", "Your location is outside the room for this event.");
    }
  }
}

// The JSON shape of an event (snake_case, as the REST API speaks).
import { checkinState } from "./checkin";
import type { EventOut } from "./schemas";

export interface EventRow {
  id: string;
  title: string;
  description: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  lateAfterMinutes: number;
  archivedAt: Date | null;
  checkinOpenedAt: Date | null;
  checkinClosedAt: Date | null;
  blockSharedDevices: boolean;
  allowedCidrs: string;
  geofenceLat: number | null;
  geofenceLng: number | null;
  geofenceRadiusM: number | null;
  createdAt: Date;
  updatedAt: Date;
  courseId: string | null;
}

export const cidrsOf = (text: string) => text.split(",").map((s) => s.trim()).filter(Boolean);

export function eventJson(e: EventRow, now: Date): EventOut {
  const state = checkinState(e, now);
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    location: e.location,
    starts_at: e.startsAt.toISOString(),
    ends_at: e.endsAt.toISOString(),
    late_after_minutes: e.lateAfterMinutes,
    archived_at: e.archivedAt?.toISOString() ?? null,
    checkin_state: state,
    checkin_open: state === "open",
    checkin_opened_at: e.checkinOpenedAt?.toISOString() ?? null,
    checkin_closed_at: e.checkinClosedAt?.toISOString() ?? null,
    block_shared_devices: e.blockSharedDevices,
    allowed_cidrs: cidrsOf(e.allowedCidrs),
    geofence:
      e.geofenceLat !== null && e.geofenceLng !== null && e.geofenceRadiusM !== null
        ? { lat: e.geofenceLat, lng: e.geofenceLng, radius_m: e.geofenceRadiusM }
        : null,
    course_id: e.courseId,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

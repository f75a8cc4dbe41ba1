// API fields → event columns, shared by create and update. A field left undefined stays
// undefined (Prisma leaves the column as it is); a null geofence clears all three columns.
import type { EventCreateInput } from "./schemas";

export function eventColumns(input: Partial<EventCreateInput>) {
  return {
    title: input.title,
    description: input.description,
    location: input.location,
    startsAt: input.starts_at,
    endsAt: input.ends_at,
    lateAfterMinutes: input.late_after_minutes,
    allowedCidrs: input.allowed_cidrs?.join(","),
    ...(input.geofence !== undefined && {
      geofenceLat: input.geofence?.lat ?? null,
      geofenceLng: input.geofence?.lng ?? null,
      geofenceRadiusM: input.geofence?.radius_m ?? null,
    }),
    blockSharedDevices: input.block_shared_devices,
    courseId: input.course_id,
  };
}

/** Present, or late once the event's late threshold has passed at `at` (the scan time). */
export function statusAt(event: { startsAt: Date; lateAfterMinutes: number }, at: Date): "present" | "late" {
  return at.getTime() > event.startsAt.getTime() + event.lateAfterMinutes * 60_000 ? "late" : "present";
}

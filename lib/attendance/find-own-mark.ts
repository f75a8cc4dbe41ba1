import "server-only";
import { getDb } from "../db";

/** The signed-in student's own mark for one event (for the result page). */
export async function findOwnMark(userId: string, eventId: string) {
  if (!/^[0-9A-Za-z]{12}$/.test(eventId)) return null;
  const db = await getDb();
  const r = await db.attendanceRecord.findUnique({
    where: { userId_eventId: { userId, eventId } },
    select: { status: true, markedAt: true, event: { select: { title: true } } },
  });
  return r ? { status: r.status, markedAt: r.markedAt, title: r.event.title } : null;
}

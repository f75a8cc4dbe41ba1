// Deleting a course removes its roster; its sessions stay as standalone events with their
// attendance. A course with sessions or enrolments needs an explicit confirmation.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { transact } from "../transact";
import { findCourseOrThrow } from "./get-course";

export async function deleteCourse(ctx: Ctx, actorId: string, id: string, confirmed: boolean) {
  return transact(ctx, async (tx) => {
    // SQLite: take the write lock before reading (a write that touches no row). A deferred
    // transaction that reads first fails with SQLITE_BUSY, instead of waiting, when another
    // connection writes in between, as imports and the low-attendance sweep do.
    await tx.$executeRawUnsafe(`UPDATE courses SET id = id WHERE 1 = 0`);
    const course = await findCourseOrThrow(tx, id);
    const [sessions, enrolled] = await Promise.all([
      tx.event.count({ where: { courseId: id } }),
      tx.enrollment.count({ where: { courseId: id, droppedAt: null } }),
    ]);
    if ((sessions > 0 || enrolled > 0) && !confirmed) {
      throw new AppError(
        "course_has_records",
        `This course has ${sessions} sessions and ${enrolled} enrolled students. Archive it to keep everything, or delete with ?confirm=true (the sessions stay as standalone events).`,
        { session_count: sessions, enrolled_count: enrolled },
      );
    }
    await tx.event.updateMany({ where: { courseId: id }, data: { courseId: null } });
    await tx.course.delete({ where: { id } });
    await recordAudit(tx, ctx, {
      action: "course_deleted",
      actorId,
      targetType: "course",
      targetId: id,
      details: { code: course.code, term_label: course.termLabel, sessions_kept: sessions, enrolled_count: enrolled },
    });
    return { deleted: true as const, id, sessions_kept: sessions };
  });
}

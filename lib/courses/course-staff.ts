// Reading a course's staff rows in the API's shape (the use cases in list-/add-/remove-course-staff.ts).
import type { DbOrTx } from "../db";

export const STAFF_SELECT = { role: true, addedAt: true, user: { select: { id: true, email: true, fullName: true } } } as const;

type StaffRow = { role: "instructor" | "assistant"; addedAt: Date; user: { id: string; email: string; fullName: string } };

export function staffJson(row: StaffRow) {
  return { user_id: row.user.id, email: row.user.email, full_name: row.user.fullName, role: row.role, added_at: row.addedAt.toISOString() };
}

export async function findStaffMember(db: DbOrTx, courseId: string, userId: string) {
  return db.courseInstructor.findUnique({ where: { courseId_userId: { courseId, userId } }, select: STAFF_SELECT });
}

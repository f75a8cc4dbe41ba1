// The JSON shape of an enrolment, and the Prisma selection that feeds it.
import type { Prisma } from "../../generated/postgresql/client";

export const ENROLLMENT_SELECT = {
  id: true,
  courseId: true,
  email: true,
  fullName: true,
  givenName: true,
  familyName: true,
  studentNumber: true,
  userId: true,
  source: true,
  enrolledAt: true,
  droppedAt: true,
  invitedAt: true,
  user: { select: { status: true } },
} as const satisfies Prisma.EnrollmentSelect;

export type EnrollmentRow = Prisma.EnrollmentGetPayload<{ select: typeof ENROLLMENT_SELECT }>;

export function enrollmentJson(e: EnrollmentRow) {
  return {
    id: e.id,
    course_id: e.courseId,
    email: e.email,
    full_name: e.fullName,
    given_name: e.givenName,
    family_name: e.familyName,
    student_number: e.studentNumber,
    user_id: e.userId,
    account_status: e.user?.status ?? null,
    source: e.source,
    enrolled_at: e.enrolledAt.toISOString(),
    dropped_at: e.droppedAt?.toISOString() ?? null,
    invited_at: e.invitedAt?.toISOString() ?? null,
  };
}
export type EnrollmentJson = ReturnType<typeof enrollmentJson>;

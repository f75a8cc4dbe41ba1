// Who an organiser's mark, excuse or removal is about (docs/courses.md, students without
// accounts): a student's account (by id or email), or — for a course session — an enrolment of
// that course, which may have no account yet. Resolved inside the action's transaction, and the
// student's enrolment is locked (its attendance version bumped) BEFORE its account is read:
// linking the enrolment to an account takes the same lock, so a mark is never written against
// an enrolment whose history has just moved to its account.
import type { Ctx } from "../context";
import type { Tx } from "../db";
import { AppError, notFound } from "../errors";
import { normalizeEmail } from "../accounts/normalize-email";
import { bumpStudentVersion } from "../courses/attendance-version";

export interface SubjectInput {
  user_id?: string;
  email?: string;
  enrollment_id?: string;
}

export interface MarkSubject {
  /** the account's id; null for an enrolled student without an account yet */
  userId: string | null;
  /** the enrolment in the event's course, when there is one */
  enrollmentId: string | null;
  fullName: string;
  email: string;
}

/** Where a mark of this subject is stored: on the account, else on the enrolment. */
export const markOwner = (s: MarkSubject) => (s.userId ? { userId: s.userId, enrollmentId: null } : { userId: null, enrollmentId: s.enrollmentId! });

/** Every stored mark that may be this subject's (the account's, or one recorded against the enrolment). */
export const subjectMarks = (s: MarkSubject) => ({ OR: [...(s.userId ? [{ userId: s.userId }] : []), ...(s.enrollmentId ? [{ enrollmentId: s.enrollmentId }] : [])] });

const notAStudent = () => new AppError("not_a_student", "Only students can be marked.");

/** The enrolment of the event's course this input names, by id, account or email (not yet locked). */
async function findEnrollmentId(tx: Tx, courseId: string, input: SubjectInput, user: { id: string; email: string } | null): Promise<string | null> {
  if (input.enrollment_id) return (await tx.enrollment.findFirst({ where: { id: input.enrollment_id, courseId }, select: { id: true } }))?.id ?? null;
  const email = user?.email ?? (input.email === undefined ? null : normalizeEmail(input.email));
  const or = [...(user ? [{ userId: user.id }] : []), ...(email ? [{ email }] : [])];
  if (!or.length) return null;
  return (await tx.enrollment.findFirst({ where: { courseId, OR: or }, orderBy: { enrolledAt: "asc" }, select: { id: true } }))?.id ?? null;
}

export async function resolveMarkSubject(tx: Tx, ctx: Pick<Ctx, "config">, event: { courseId: string | null }, input: SubjectInput): Promise<MarkSubject> {
  const select = { id: true, role: true, fullName: true, email: true } as const;
  const user = input.enrollment_id
    ? null
    : input.user_id
      ? await tx.user.findUnique({ where: { id: input.user_id }, select })
      : await tx.user.findUnique({ where: { email: normalizeEmail(input.email ?? "") }, select });
  if (user && user.role !== "student") throw notAStudent();
  const enrollmentId = event.courseId ? await findEnrollmentId(tx, event.courseId, input, user) : null;
  if (enrollmentId) {
    await bumpStudentVersion(tx, ctx, event.courseId!, enrollmentId);
    const e = await tx.enrollment.findUniqueOrThrow({ where: { id: enrollmentId }, select: { id: true, userId: true, fullName: true, email: true, user: { select: { role: true, fullName: true, email: true } } } });
    if (e.user && e.user.role !== "student") throw notAStudent();
    if (user && e.userId && e.userId !== user.id) return { userId: user.id, enrollmentId: null, fullName: user.fullName, email: user.email }; // a line of someone else
    return { userId: e.userId, enrollmentId: e.id, fullName: e.user?.fullName ?? e.fullName, email: e.user?.email ?? e.email };
  }
  if (input.enrollment_id) throw notFound("This enrolment", "enrollment_not_found");
  if (user) return { userId: user.id, enrollmentId: null, fullName: user.fullName, email: user.email };
  throw input.user_id ? notFound("This user") : new AppError("not_found", "Nobody with this email has an account or is enrolled in this course.");
}

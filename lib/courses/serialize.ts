// The JSON shape of a course (snake_case, as the REST API speaks), and the one Prisma
// selection that feeds it.
import type { Prisma } from "../../generated/postgresql/client";

export const COURSE_SELECT = {
  id: true,
  code: true,
  title: true,
  termLabel: true,
  thresholdPercent: true,
  warnAfterSessions: true,
  warnGraceHours: true,
  archivedAt: true,
  joinCode: true,
  createdAt: true,
  updatedAt: true,
  instructors: { orderBy: { addedAt: "asc" }, select: { role: true, user: { select: { id: true, email: true, fullName: true } } } },
  _count: { select: { enrollments: { where: { droppedAt: null } }, sessions: true } },
} as const satisfies Prisma.CourseSelect;

export type CourseRow = Prisma.CourseGetPayload<{ select: typeof COURSE_SELECT }>;

export function courseJson(c: CourseRow, viewerId: string) {
  const person = (i: CourseRow["instructors"][number]) => ({ id: i.user.id, email: i.user.email, full_name: i.user.fullName });
  const instructors = c.instructors.filter((i) => i.role === "instructor").map(person);
  const assistants = c.instructors.filter((i) => i.role === "assistant").map(person);
  return {
    id: c.id,
    code: c.code,
    title: c.title,
    term_label: c.termLabel,
    threshold_percent: c.thresholdPercent,
    warn_after_sessions: c.warnAfterSessions,
    warn_grace_hours: c.warnGraceHours,
    archived_at: c.archivedAt?.toISOString() ?? null,
    join_code: c.joinCode,
    instructors,
    assistants,
    is_instructor: instructors.some((i) => i.id === viewerId),
    my_role: c.instructors.find((i) => i.user.id === viewerId)?.role ?? null,
    enrolled_count: c._count.enrollments,
    session_count: c._count.sessions,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}
export type CourseJson = ReturnType<typeof courseJson>;

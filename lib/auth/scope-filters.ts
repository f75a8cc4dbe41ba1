// Lists filtered by the policy (docs/design.md#roles-and-permissions): the courses and events
// in which the caller holds a capability, as Prisma filters, derived from the same table
// lib/auth/policy.ts decides single requests with — so a list never shows what opening the
// item would refuse.
import type { Prisma } from "../../generated/postgresql/client";
import type { AuthUser } from "./authenticate";
import { COURSE_ROLES, GRANTS, type Capability, type CourseRole } from "./policy";

/** The course roles that hold `capability` for this account (an instructor row of a student account counts for nothing). */
export function courseRolesWith(user: Pick<AuthUser, "role">, capability: Capability): CourseRole[] {
  return COURSE_ROLES.filter((r) => (GRANTS.course[r] as readonly Capability[]).includes(capability) && !(r === "instructor" && user.role === "student"));
}

/** Courses where the caller holds `capability` (admins: every course). */
export function coursesWhere(user: Pick<AuthUser, "id" | "role">, capability: Capability): Prisma.CourseWhereInput {
  if (user.role === "admin") return {};
  return { instructors: { some: { userId: user.id, role: { in: courseRolesWith(user, capability) } } } };
}

/** Events where the caller holds `capability`: their courses' sessions, and events without a course they created. */
export function eventsWhere(user: Pick<AuthUser, "id" | "role">, capability: Capability): Prisma.EventWhereInput {
  if (user.role === "admin") return {};
  const roles = courseRolesWith(user, capability);
  const own = roles.includes("instructor") ? [{ courseId: null, createdById: user.id }] : [];
  return { OR: [{ course: { instructors: { some: { userId: user.id, role: { in: roles } } } } }, ...own] };
}

/**
 * Approval requests the caller may decide: admins all; a course's instructors the signups that
 * name their course (a join code at signup or on the waiting page); nobody else any.
 */
export function approvalsWhere(user: Pick<AuthUser, "id" | "role">): Prisma.ApprovalRequestWhereInput {
  if (user.role === "admin") return {};
  const roles = courseRolesWith(user, "approvals:decide");
  if (roles.length === 0) return { id: { in: [] } };
  return { course: { instructors: { some: { userId: user.id, role: { in: roles } } } } };
}

// Who may do what, decided in one place (docs/design.md#roles-and-permissions). Modelled on
// Moodle's capabilities: code asks for a capability in a context — the site, or one course —
// and roles map to capabilities per context. Adding a role or moving a right is an edit of
// GRANTS below, not of every handler. Pure: no I/O; lib/auth/authorize.ts finds the caller's
// role in a course and asks `decide`.
import type { CourseRole as DbCourseRole, Role as DbRole } from "../../generated/postgresql/enums";

/** Site roles, as stored in users.role (the Prisma enum `Role`). */
export const ROLES = ["student", "instructor", "admin"] as const;
export type Role = (typeof ROLES)[number];
/** A person's role in one course (course_instructors.role). */
export const COURSE_ROLES = ["instructor", "assistant"] as const;
export type CourseRole = (typeof COURSE_ROLES)[number];

// The lists above must be exactly the database's enums: a new enum value fails the build here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const rolesMatch: Same<Role, DbRole> = true;
const courseRolesMatch: Same<CourseRole, DbCourseRole> = true;
void rolesMatch;
void courseRolesMatch;

/**
 * Every capability, with the words the design doc's table uses. Site capabilities are asked in
 * the site context; course capabilities in one course (or in one event without a course, where
 * its creator holds the instructor's rights).
 */
export const CAPABILITIES = {
  // site
  "users:manage": "search users and change their role, active state or name; end their sessions, lift lockouts, revoke passkeys",
  "people:search": "find accounts by name or email (to enrol a student or add course staff)",
  "approvals:view": "list signups waiting for a decision (instructors: the ones naming a course they teach)",
  "audit:view": "read the audit log and the suspicious-activity report",
  "operations:view": "read the live metrics and backup status",
  "codes:revoke-all": "revoke every live QR code of every event",
  "course:create": "create a course (and teach it)",
  // course (and event) context; event:create also in the site context (an event without a course)
  "course:view": "open the course, its sessions and its staff",
  "course:edit": "edit, archive or restore the course",
  "course:delete": "delete the course",
  "course:staff": "add or remove the course's instructors and teaching assistants",
  "roster:view": "read the roster",
  "roster:manage": "enrol, drop or import students; run the join code",
  "event:create": "create events (a course's sessions; outside courses, standalone events)",
  "event:view": "open an event",
  "event:edit": "edit or archive an event",
  "event:delete": "delete an event",
  "checkin:run": "start and stop check-in, project codes, revoke codes",
  "attendance:view": "read the live roster (also as CSV)",
  "attendance:mark": "mark or excuse a student by hand",
  "attendance:unmark": "remove a mark",
  "report:view": "read the course report (also as CSV)",
  "approvals:decide": "decide signups (in a course: the ones naming it)",
} as const satisfies Record<string, string>;
export type Capability = keyof typeof CAPABILITIES;
export const ALL_CAPABILITIES = Object.keys(CAPABILITIES) as Capability[];

const ASSISTANT: readonly Capability[] = ["course:view", "roster:view", "event:view", "checkin:run", "attendance:view", "attendance:mark", "report:view"];
const COURSE_INSTRUCTOR: readonly Capability[] = [
  ...ASSISTANT,
  "course:edit", "course:delete", "course:staff", "roster:manage", "event:create", "event:edit", "event:delete", "attendance:unmark", "approvals:decide",
];

/**
 * The table: per context, which capabilities each role holds there. A site role counts only in
 * the site context — except admin, who holds every capability everywhere (college-wide).
 */
export const GRANTS = {
  site: {
    admin: ALL_CAPABILITIES,
    instructor: ["people:search", "approvals:view", "course:create", "event:create"],
    student: [],
  } satisfies Record<Role, readonly Capability[]>,
  course: {
    instructor: COURSE_INSTRUCTOR,
    assistant: ASSISTANT,
  } satisfies Record<CourseRole, readonly Capability[]>,
} as const;

/** Where a capability is asked: the site, or a course (or event) where the caller holds `role` (null: none). */
export type Context = { kind: "site" } | { kind: "course"; role: CourseRole | null };

export interface Actor {
  role: Role;
}

/**
 * The caller's effective role in a course from their staff row. A course instructor whose
 * account is a student (demoted after being added) has no rights there until made staff again.
 */
export function effectiveCourseRole(siteRole: Role, row: CourseRole | null | undefined): CourseRole | null {
  if (!row) return null;
  if (row === "instructor" && siteRole === "student") return null;
  return row;
}

/**
 * allow, or why not: `hidden` (a course the caller has no part in: answered as if it did not
 * exist, 404) or `forbidden` (403: signed in, can see it, may not do this).
 */
export type Decision = "allow" | "forbidden" | "hidden";

export function decide(actor: Actor, capability: Capability, context: Context): Decision {
  if ((GRANTS.site[actor.role] as readonly Capability[]).includes(capability) && (context.kind === "site" || actor.role === "admin")) return "allow";
  if (context.kind === "site") return "forbidden";
  if (context.role === null) return "hidden";
  return (GRANTS.course[context.role] as readonly Capability[]).includes(capability) ? "allow" : "forbidden";
}

/** Shorthand for pages that only need yes or no. */
export const allows = (actor: Actor, capability: Capability, context: Context) => decide(actor, capability, context) === "allow";

/** Staff see the lecturer's pages: admins, instructors, and anyone assisting or teaching a course. */
export function isStaffRole(role: Role): boolean {
  return role === "admin" || role === "instructor";
}

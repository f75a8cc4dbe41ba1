// The policy's one gate (docs/design.md#roles-and-permissions): find the context an operation
// acts in — the site, a course, or an event without a course — and the caller's role there,
// then ask lib/auth/policy.ts. route() calls `authorizeRule` before a handler runs; server
// actions and pages call `requireCapability` with the same capabilities.
//
// Answers: anonymous → 401 unauthenticated; a course (or event) the caller has no part in →
// 404 with the resource's own not-found code, exactly as if it did not exist, so ids cannot be
// probed; a role in it without the capability, or a site capability missing → 403 forbidden.
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";
import { forbidden, notFound, unauthenticated, type AppError, type ErrorCode } from "../errors";
import type { AuthUser } from "./authenticate";
import type { Locator, Rule } from "./operations";
import { decide, effectiveCourseRole, type Capability, type Context, type CourseRole } from "./policy";

/** Where to ask: the site, a course by id, or an event by id (its course, or itself). */
export type Target =
  | { site: true }
  | { courseId: string }
  | { eventId: string }
  | { qrSessionId: string }
  | { approvalRequestId: string };

export const SITE: Target = { site: true };

/** The resolved context, with the 404 to answer when it is hidden from the caller. */
interface Resolved {
  context: Context;
  hidden: AppError;
}

const missing = (what: string, code: ErrorCode) => notFound(what, code);

async function courseRoleOf(db: DbOrTx, user: AuthUser, courseId: string): Promise<CourseRole | null> {
  const row = await db.courseInstructor.findUnique({ where: { courseId_userId: { courseId, userId: user.id } }, select: { role: true } });
  return effectiveCourseRole(user.role, row?.role);
}

/** An event's context: its course's, or — for an event without a course — the event's own, where its creator is instructor. */
async function eventContext(db: DbOrTx, user: AuthUser, eventId: string | null, what = "This event", code: ErrorCode = "event_not_found"): Promise<Resolved> {
  const hidden = missing(what, code);
  const event = eventId
    ? await db.event.findUnique({
        where: { id: eventId },
        select: { courseId: true, createdById: true, course: { select: { instructors: { where: { userId: user.id }, select: { role: true } } } } },
      })
    : null;
  if (!event) return { context: { kind: "course", role: null }, hidden };
  if (event.courseId) return { context: { kind: "course", role: effectiveCourseRole(user.role, event.course?.instructors[0]?.role) }, hidden };
  const owner = event.createdById === user.id && user.role !== "student";
  return { context: { kind: "course", role: owner ? "instructor" : null }, hidden };
}

async function resolve(db: DbOrTx, user: AuthUser, target: Target): Promise<Resolved> {
  if ("site" in target) return { context: { kind: "site" }, hidden: forbidden() };
  if ("courseId" in target) {
    const hidden = missing("This course", "course_not_found");
    const course = await db.course.findUnique({ where: { id: target.courseId }, select: { id: true } });
    if (!course) return { context: { kind: "course", role: null }, hidden };
    return { context: { kind: "course", role: await courseRoleOf(db, user, target.courseId) }, hidden };
  }
  if ("eventId" in target) return eventContext(db, user, target.eventId);
  if ("qrSessionId" in target) {
    const qr = await db.qrSession.findUnique({ where: { id: target.qrSessionId }, select: { eventId: true } });
    return eventContext(db, user, qr?.eventId ?? null, "This QR code", "qr_not_found");
  }
  return approvalContext(db, user, target.approvalRequestId);
}

/**
 * An approval request's context: the course its signup names (a course join code at signup),
 * else the site — only admins decide those. A request that does not exist is a 404 for anyone
 * who may decide some requests, a 403 for the rest.
 */
async function approvalContext(db: DbOrTx, user: AuthUser, requestId: string): Promise<Resolved> {
  const hidden = missing("The approval request", "approval_not_found");
  const request = await db.approvalRequest.findUnique({ where: { id: requestId }, select: { id: true, courseId: true } });
  if (!request) return { context: { kind: "course", role: null }, hidden };
  if (request.courseId) return { context: { kind: "course", role: await courseRoleOf(db, user, request.courseId) }, hidden };
  return { context: { kind: "site" }, hidden };
}

/** Decide, or throw the answer (401/403/404). */
export async function requireCapability(ctx: Ctx, user: AuthUser | null, capability: Capability, target: Target = SITE): Promise<void> {
  if (!user) throw unauthenticated();
  const { context, hidden } = await resolve(ctx.db, user, target);
  const decision = decide(user, capability, context);
  if (decision === "allow") return;
  throw decision === "hidden" ? hidden : forbidden(denialWords(capability));
}

/** Whether the user may (for pages choosing what to show): no throw. */
export async function userCan(ctx: Ctx, user: AuthUser, capability: Capability, target: Target = SITE): Promise<boolean> {
  const { context } = await resolve(ctx.db, user, target);
  return decide(user, capability, context) === "allow";
}

/** Several yes/no answers in one context (one lookup), for pages choosing what to show. */
export async function userRights<C extends Capability>(ctx: Ctx, user: AuthUser, target: Target, capabilities: readonly C[]): Promise<Record<C, boolean>> {
  const { context } = await resolve(ctx.db, user, target);
  return Object.fromEntries(capabilities.map((c) => [c, decide(user, c, context) === "allow"])) as Record<C, boolean>;
}

function denialWords(capability: Capability): string {
  return `Your role does not allow this (${capability}).`;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** The target a locator names in this request's params and body. */
export function targetOf(locator: Locator, params: Record<string, unknown>, body: unknown): Target {
  const field = (name: string) => str((body as Record<string, unknown> | null | undefined)?.[name]);
  switch (locator.from) {
    case "course":
      return { courseId: str(params[locator.param]) };
    case "event":
      return { eventId: str(params[locator.param]) };
    case "event-body":
      return { eventId: field(locator.field) };
    case "qr-session":
      return { qrSessionId: str(params[locator.param]) };
    case "approval":
      return { approvalRequestId: str(params[locator.param]) };
    case "course-body": {
      const id = field(locator.field);
      return id ? { courseId: id } : SITE;
    }
  }
}

/** route()'s check: the operation's rule for this user, params and (when the rule reads it) body. */
export async function authorizeRule(ctx: Ctx, user: AuthUser | null, rule: Rule, params: Record<string, unknown>, body: unknown): Promise<void> {
  if (rule.access === "public") return;
  if (!user) throw unauthenticated();
  if (rule.access === "signed-in") return;
  await requireCapability(ctx, user, rule.can, "in" in rule ? targetOf(rule.in, params, body) : SITE);
}


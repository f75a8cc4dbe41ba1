// The walk (docs/design.md#roles-and-permissions): every operation of the OpenAPI document ×
// seven callers — anonymous, a student, a TA of another course, a TA of this course, an
// instructor of another course, an instructor of this course, an admin — against the real
// server, each answer compared with what the policy table says: allowed, 401, 403 or 404.
// An operation without a row in lib/auth/operations.ts fails here by name.
//
// "Allowed" means the request passed the policy: any answer but the policy's own refusals
// (401 unauthenticated, 403 forbidden, or the 404 of the course/event/code/request the
// caller has no part in). To keep the allowed calls from changing what the next ones see, a
// JSON body is deliberately invalid (400 after the check; the check runs before the body is
// read) except where the rule finds its course in the body, and deletions carry an invalid
// confirmation or target a throwaway. Bounded: one request per caller per operation, the seven
// callers of one operation in parallel.
import { beforeAll, describe, expect, it } from "vitest";
import { decide, type Context, type CourseRole, type Role } from "@/lib/auth/policy";
import { ruleOf, type Locator, type Rule } from "@/lib/auth/operations";
import { openApiDocument } from "@/lib/openapi/document";
import { get, request, type ApiResponse } from "../support/api";
import { createCourse } from "../support/courses";
import { testDb, uniqueEmail } from "../support/db";
import { createUser, tokensFor, type TestUser } from "../support/factories";

type ActorName = "anonymous" | "student" | "ta_other_course" | "ta_this_course" | "instructor_other_course" | "instructor_this_course" | "admin";
interface Actor {
  name: ActorName;
  /** null: anonymous */
  role: Role | null;
  /** the role in the walked course (course A) */
  courseRole: CourseRole | null;
  user?: TestUser;
  token?: string;
}

const ACTORS: Omit<Actor, "user" | "token">[] = [
  { name: "anonymous", role: null, courseRole: null },
  { name: "student", role: "student", courseRole: null },
  { name: "ta_other_course", role: "student", courseRole: null },
  { name: "ta_this_course", role: "student", courseRole: "assistant" },
  { name: "instructor_other_course", role: "instructor", courseRole: null },
  { name: "instructor_this_course", role: "instructor", courseRole: "instructor" },
  { name: "admin", role: "admin", courseRole: null },
];

type Expected = "allow" | 401 | 403 | 404;

/** The 404 code a hidden resource answers with, per locator. */
const HIDDEN_CODE: Record<Locator["from"], string> = {
  course: "course_not_found",
  "course-body": "course_not_found",
  event: "event_not_found",
  "event-body": "event_not_found",
  "qr-session": "qr_not_found",
  approval: "approval_not_found",
};

/** The walked resources all live in course A; an approval request names no course (the site decides). */
function contextOf(rule: Rule, actor: Actor): Context {
  if (rule.access !== "capability" || !("in" in rule)) return { kind: "site" };
  if (rule.in.from === "approval") return { kind: "site" };
  return { kind: "course", role: actor.courseRole };
}

function expectedFor(rule: Rule, actor: Actor): Expected {
  if (rule.access === "public") return "allow";
  if (actor.role === null) return 401;
  if (rule.access === "signed-in") return "allow";
  const decision = decide({ role: actor.role }, rule.can, contextOf(rule, actor));
  return decision === "allow" ? "allow" : decision === "forbidden" ? 403 : 404;
}

function outcomeOf(res: ApiResponse, rule: Rule): Expected | "error" {
  const code = (res.body as { error?: { code?: string } } | undefined)?.error?.code;
  if (res.status === 401 && code === "unauthenticated") return 401;
  if (res.status === 403 && code === "forbidden") return 403;
  if (res.status === 404 && rule.access === "capability" && "in" in rule && code === HIDDEN_CODE[rule.in.from]) return 404;
  if (res.status >= 500) return "error";
  return "allow";
}

const actors: Actor[] = [];
const ids: Record<string, string> = {};

/** The request each operation gets: path filled from the walked resources, and a body that cannot do harm. */
function requestFor(method: string, path: string, actorToken: string | undefined): Parameters<typeof request> {
  const [, , area] = path.split("/");
  const fill = (name: string): string => {
    if (name === "enrollment_id") return ids.enrollment!;
    if (name === "user_id") return ids.staffTarget!;
    if (name === "nextauth") return "session";
    // {id} by area
    if (path.startsWith("/api/courses/")) return ids.course!;
    if (path.startsWith("/api/events/")) return ids.event!;
    if (path.startsWith("/api/admin/users/")) return ids.targetUser!;
    if (path.startsWith("/api/admin/approval-requests/")) return ids.approval!;
    if (path.startsWith("/api/admin/qr-sessions/")) return ids.qrSession!;
    if (path.startsWith("/api/notifications/")) return "clwalk0000000000000000000";
    if (path.startsWith("/api/auth/passkeys/")) return "walk-no-such-passkey";
    throw new Error(`the walk does not know what {${name}} is in ${path} (area ${area}): add it to requestFor`);
  };
  let url = path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(fill(n)));
  const key = `${method} ${path}`;
  const headers: Record<string, string> = {};
  let raw: string | undefined;
  // bodies: found in the body? then a valid one; otherwise one no schema accepts
  const rule = ruleOf(key);
  const bodyLocator = rule?.access === "capability" && "in" in rule && (rule.in.from === "event-body" || rule.in.from === "course-body");
  if (key === "POST /api/events") {
    const start = Date.now() + 86_400_000;
    raw = JSON.stringify({ title: "walk", starts_at: new Date(start).toISOString(), ends_at: new Date(start + 3_600_000).toISOString(), course_id: ids.course });
  } else if (key === "POST /api/admin/qr-sessions") raw = JSON.stringify({ event_id: ids.event });
  else if (bodyLocator) throw new Error(`${key} finds its course in the body: give it a valid body here`);
  else if (key === "POST /api/courses/{id}/enrollments/import") {
    raw = "email,name\n";
    headers["content-type"] = "text/csv";
    url += "?dry_run=maybe";
  } else if (method !== "GET" && method !== "DELETE") raw = JSON.stringify({ __walk: true });
  if (raw !== undefined) headers["content-type"] ??= "application/json";
  // deletions that take a confirmation get an invalid one (400 after the check)
  if (key === "DELETE /api/courses/{id}" || key === "DELETE /api/events/{id}") url += "?confirm=maybe";
  return [method, url, { raw, headers, token: actorToken }];
}

/** Operations that end the caller's own session get a session of their own. */
const ENDS_OWN_SESSION = new Set(["POST /api/auth/logout"]);

const doc = openApiDocument();
const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
  Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path}` })),
);

describe("the policy walk: every operation × seven callers", () => {
  beforeAll(async () => {
    const db = await testDb();
    const admin = await createUser({ role: "admin" });
    const adminToken = (await tokensFor(admin)).access_token;
    const a = await createCourse(adminToken);
    const b = await createCourse(adminToken);
    ids.course = a.id;
    const now = new Date();
    const people: Record<ActorName, TestUser | undefined> = {
      anonymous: undefined,
      student: await createUser({ role: "student" }),
      ta_other_course: await createUser({ role: "student" }),
      ta_this_course: await createUser({ role: "student" }),
      instructor_other_course: await createUser({ role: "instructor" }),
      instructor_this_course: await createUser({ role: "instructor" }),
      admin,
    };
    const staff = (courseId: string, user: TestUser, role: CourseRole) => db.courseInstructor.create({ data: { courseId, userId: user.id, role, addedAt: now } });
    await staff(a.id, people.instructor_this_course!, "instructor");
    await staff(a.id, people.ta_this_course!, "assistant");
    await staff(b.id, people.instructor_other_course!, "instructor");
    await staff(b.id, people.ta_other_course!, "assistant");
    // a throwaway assistant the walk may remove, and a throwaway account the admin routes act on
    const extra = await createUser({ role: "student" });
    await staff(a.id, extra, "assistant");
    ids.staffTarget = extra.id;
    ids.targetUser = (await createUser({ role: "student" })).id;
    const enrolled = await db.enrollment.create({ data: { courseId: a.id, email: uniqueEmail("walk"), fullName: "Walk Student", source: "manual", enrolledAt: now } });
    ids.enrollment = enrolled.id;
    // a session of course A, open now, with a live code
    const ev = await request("POST", "/api/events", {
      token: adminToken,
      raw: JSON.stringify({ title: "Walked session", starts_at: new Date(now.getTime() - 60_000).toISOString(), ends_at: new Date(now.getTime() + 3_600_000).toISOString(), course_id: a.id }),
      headers: { "content-type": "application/json" },
    });
    expect(ev.status, ev.text).toBe(201);
    ids.event = ev.body.id;
    expect((await request("POST", `/api/events/${ids.event}/checkin/start`, { token: adminToken })).status).toBe(200);
    const qr = await request("POST", "/api/admin/qr-sessions", { token: adminToken, raw: JSON.stringify({ event_id: ids.event }), headers: { "content-type": "application/json" } });
    expect(qr.status, qr.text).toBe(201);
    ids.qrSession = qr.body.id;
    // a pending signup
    const pending = await createUser({ role: "student", status: "pending" });
    const approval = await db.approvalRequest.create({ data: { userId: pending.id, requestedAt: now, expiresAt: new Date(now.getTime() + 3_600_000) } });
    ids.approval = approval.id;
    for (const a2 of ACTORS) {
      const user = people[a2.name];
      actors.push({ ...a2, user, token: user ? (await tokensFor(user)).access_token : undefined });
    }
  });

  it("walks the operations the server documents", async () => {
    const served = await get("/api/openapi.json");
    const keys = Object.entries(served.body.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(keys.sort()).toEqual(operations.map((o) => o.key).sort());
    expect(operations.length).toBeGreaterThan(50);
  });

  it.each(operations.map((o) => [o.key, o] as const))("%s", async (key, op) => {
    const rule = ruleOf(key);
    expect(rule, `${key} has no row in the policy table (lib/auth/operations.ts)`).toBeDefined();
    // one actor after another: heavy reads (reports, exports, imports) turn away what exceeds the
    // instance's bound with 503 busy, which would hide the decision this walk is about
    const results = [];
    for (const actor of actors) {
      const token = actor.user && ENDS_OWN_SESSION.has(key) ? (await tokensFor(actor.user)).access_token : actor.token;
      const res = await request(...requestFor(op.method, op.path, token));
      results.push({ actor: actor.name, expected: expectedFor(rule!, actor), got: outcomeOf(res, rule!), answer: `${res.status} ${res.text.slice(0, 160)}` });
    }
    const wrong = results.filter((r) => r.expected !== r.got).map((r) => `${r.actor}: expected ${r.expected}, got ${r.got} (${r.answer})`);
    expect(wrong).toEqual([]);
  });
});

// POST /api/courses/{id}/enrollments/import: a CSV roster's bytes → enrolments. The encoding is
// detected (lib/text/decode-text-file.ts) and named in the answer. The dry run plans and
// writes nothing; the real import applies the same plan in ONE transaction (planned inside it,
// from the rows it locks against), audits it, then approves the pending signups the roster now
// names (roster-signups.ts). Importing the same file again plans, and writes, nothing.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import type { Tx } from "../db";
import { isUniqueViolation } from "../errors";
import { transact } from "../transact";
import { findCourseOrThrow } from "./get-course";
import { readRosterFile, type ParsedRoster } from "./parse-roster-csv";
import type { TextEncoding } from "../text/decode-text-file";
import { planChangesNothing, planRosterImport, type ImportMode, type RosterPlan } from "./plan-roster-import";
import { approveRosteredSignups, findLiveSignups, type RosteredSignup } from "./roster-signups";

const CHUNK = 500;
/** A 5,000-row import on a busy SQLite file needs more than Prisma's 5 s default. */
const IMPORT_TX = { maxWait: 15_000, timeout: 60_000 };

export interface ImportOptions {
  dryRun: boolean;
  mode: ImportMode;
}

type ReadRoster = ParsedRoster & { encoding: TextEncoding };

export async function importRoster(ctx: Ctx, actorId: string, courseId: string, file: Uint8Array, opts: ImportOptions) {
  const parsed = readRosterFile(file);
  const course = await findCourseOrThrow(ctx.db, courseId);
  const emails = parsed.rows.map((r) => r.email);
  if (opts.dryRun) {
    const plan = planRosterImport(await currentRoster(ctx.db, courseId), parsed.rows, parsed.invalid, opts.mode);
    const wouldApprove = course.archivedAt ? [] : await findLiveSignups(ctx.db, emails, ctx.clock.now());
    return importResult(parsed, plan, opts, wouldApprove.map((u) => ({ user_id: u.id, email: u.email, full_name: u.fullName })));
  }
  const plan = await applyWithRetry(ctx, actorId, course, parsed, opts.mode);
  // an archived course approves nobody (approveRosteredSignups looks for an active course's roster)
  const approved = await approveRosteredSignups(ctx, emails);
  return importResult(parsed, plan, opts, approved);
}

function currentRoster(db: Ctx["db"] | Tx, courseId: string) {
  return db.enrollment.findMany({ where: { courseId }, select: { id: true, email: true, fullName: true, givenName: true, familyName: true, studentNumber: true, droppedAt: true } });
}

/** Two imports into one course at once: the loser's inserts collide (unique course+email); plan again. */
async function applyWithRetry(ctx: Ctx, actorId: string, course: { id: string; code: string }, parsed: ReadRoster, mode: ImportMode): Promise<RosterPlan> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await transact(ctx, (tx) => applyPlan(tx, ctx, actorId, course, parsed, mode), IMPORT_TX);
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

async function applyPlan(tx: Tx, ctx: Ctx, actorId: string, course: { id: string; code: string }, parsed: ParsedRoster, mode: ImportMode): Promise<RosterPlan> {
  const plan = planRosterImport(await currentRoster(tx, course.id), parsed.rows, parsed.invalid, mode);
  if (planChangesNothing(plan)) return plan;
  const now = ctx.clock.now();
  const fresh = plan.add.filter((a) => a.id === null);
  const accounts = new Map<string, string>();
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const users = await tx.user.findMany({ where: { email: { in: fresh.slice(i, i + CHUNK).map((a) => a.email) } }, select: { id: true, email: true } });
    for (const u of users) accounts.set(u.email, u.id);
  }
  for (let i = 0; i < fresh.length; i += CHUNK) {
    await tx.enrollment.createMany({
      data: fresh.slice(i, i + CHUNK).map((a) => ({
        courseId: course.id,
        email: a.email,
        fullName: a.full_name,
        givenName: a.given_name,
        familyName: a.family_name,
        studentNumber: a.student_number,
        userId: accounts.get(a.email) ?? null,
        source: "import" as const,
        enrolledAt: now,
      })),
    });
  }
  for (const a of plan.add) {
    if (a.id) {
      const keep = <T>(v: T | null) => v ?? undefined; // a file without the column never erases it
      await tx.enrollment.update({ where: { id: a.id }, data: { droppedAt: null, fullName: a.full_name, givenName: keep(a.given_name), familyName: keep(a.family_name), studentNumber: keep(a.student_number) } });
    }
  }
  for (const u of plan.update) {
    await tx.enrollment.update({ where: { id: u.id }, data: { fullName: u.full_name, givenName: u.given_name, familyName: u.family_name, studentNumber: u.student_number } });
  }
  const dropIds = plan.drop.map((d) => d.id);
  for (let i = 0; i < dropIds.length; i += CHUNK) {
    await tx.enrollment.updateMany({ where: { id: { in: dropIds.slice(i, i + CHUNK) }, droppedAt: null }, data: { droppedAt: now } });
  }
  await recordAudit(tx, ctx, {
    action: "roster_imported",
    actorId,
    targetType: "course",
    targetId: course.id,
    details: { mode, added: plan.add.length, updated: plan.update.length, dropped: plan.drop.length, invalid: parsed.invalid.length },
  });
  return plan;
}

function importResult(parsed: ReadRoster, plan: RosterPlan, opts: ImportOptions, approved: RosteredSignup[]) {
  const row = (r: { line: number; email: string; full_name: string; given_name: string | null; family_name: string | null; student_number: string | null }) => ({
    line: r.line,
    email: r.email,
    full_name: r.full_name,
    given_name: r.given_name,
    family_name: r.family_name,
    student_number: r.student_number,
  });
  return {
    dry_run: opts.dryRun,
    mode: opts.mode,
    encoding: parsed.encoding,
    delimiter: parsed.delimiter,
    columns: parsed.columns,
    summary: {
      rows: parsed.rows.length + parsed.invalid.length,
      added: plan.add.length,
      already_enrolled: plan.already.length,
      updated: plan.update.length,
      dropped: plan.drop.length,
      invalid: parsed.invalid.length,
      approved_signups: approved.length,
    },
    added: plan.add.map((a) => ({ ...row(a), reenrolled: a.id !== null })),
    already_enrolled: plan.already.map(row),
    updated: plan.update.map((u) => ({ ...row(u), was: u.was })),
    dropped: plan.drop.map((d) => ({ email: d.email, full_name: d.fullName, student_number: d.studentNumber })),
    invalid: parsed.invalid.map((i) => ({ line: i.line, reason: i.reason })),
    approved_signups: approved,
  };
}

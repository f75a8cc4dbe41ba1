// The one way an account comes into being for a proven address (docs/authentication.md): a
// verified signup (lib/accounts/verify-email.ts) and single sign-on (an identity provider's
// verified `email` claim) both end here. The account is pending with an approval request that
// starts now (the 3-minute rule starts at verification, not at signup); after the commit,
// `approveRosteredSignups` makes a rostered address an active student at once, audited as the
// roster import (docs/courses.md#roster-auto-approval). The batched "students are waiting"
// mail and notification of the deciders come from the approval requests themselves.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import type { DbOrTx, Tx } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { approveRosteredSignups } from "../courses/roster-signups";
import { transact } from "../transact";
import { isApprovalExpired } from "./approval-expiry";
import { presentApproval, presentUser } from "./present";
import { signStatusToken } from "./status-token";
import { signupWaitsUntil } from "./signup-window";

/** A stored hash no password matches (bcrypt compares it as false): an account without password sign-in. */
export const NO_PASSWORD_HASH = "!no-password";

const accountSelect = {
  id: true,
  email: true,
  fullName: true,
  role: true,
  status: true,
  updatedAt: true,
  emailVerifiedAt: true,
  approvalRequests: { orderBy: { requestedAt: "desc" as const }, take: 1, select: { status: true, expiresAt: true } },
} as const;

/** The account an address already has, if any, with what decides whether a signup may reopen it. */
export async function findAccountForSignup(db: DbOrTx, email: string) {
  return db.user.findUnique({ where: { email }, select: accountSelect });
}
export type AccountForSignup = NonNullable<Awaited<ReturnType<typeof findAccountForSignup>>>;

/**
 * Whether this account stands in the way of a new one: every account does, except a rejected
 * or expired signup (or a pending one whose request ran out), which a new verified signup
 * reopens with its own password and name.
 */
export function blocksNewSignup(account: AccountForSignup | null, now: Date): boolean {
  if (!account) return false;
  if (account.status === "rejected" || account.status === "expired") return false;
  if (account.status === "pending") {
    const latest = account.approvalRequests[0];
    return !!latest && !isApprovalExpired(latest, now);
  }
  return true;
}

export interface VerifiedAccountInput {
  /** normalised (lib/accounts/normalize-email.ts) and proven */
  email: string;
  fullName: string;
  /** bcrypt hash of the password chosen at signup; null: no password sign-in (NO_PASSWORD_HASH) */
  passwordHash: string | null;
  /** how the address was proven, for the audit trail */
  via: "signup" | "sso";
  /** an account that already has the address: "refuse" (409 email_taken) or "link" (use it, marking it verified) */
  onExisting: "refuse" | "link";
  /** the course whose join code was given at signup: its instructors decide (lib/accounts/signup-window.ts) */
  courseId?: string | null;
}

export type VerifiedAccount =
  | { kind: "opened"; userId: string; requestId: string; reopened: boolean }
  | { kind: "existing"; userId: string };

const emailTaken = () => new AppError("email_taken", "This address already has an account: sign in, or reset your password from the login page.");

/** Inside the caller's transaction: open (or reopen) the pending account of a proven address. */
export async function createVerifiedAccount(tx: Tx, ctx: Ctx, input: VerifiedAccountInput): Promise<VerifiedAccount> {
  const now = ctx.clock.now();
  const account = await findAccountForSignup(tx, input.email);
  if (account && blocksNewSignup(account, now)) {
    if (input.onExisting === "refuse") throw emailTaken();
    if (!account.emailVerifiedAt) await tx.user.update({ where: { id: account.id }, data: { emailVerifiedAt: now } });
    return { kind: "existing", userId: account.id };
  }
  const fields = { passwordHash: input.passwordHash ?? NO_PASSWORD_HASH, fullName: input.fullName, role: "student" as const, status: "pending" as const, emailVerifiedAt: now, mustChangePassword: false };
  let userId: string;
  if (!account) {
    userId = (await tx.user.create({ data: { email: input.email, ...fields }, select: { id: true } })).id;
  } else {
    // conditional on the row as read: a decision or another reopening meanwhile makes this a 409
    const { count } = await tx.user.updateMany({ where: { id: account.id, status: account.status, updatedAt: account.updatedAt }, data: fields });
    if (count !== 1) throw new AppError("conflict", "This account changed meanwhile; try again.");
    await tx.approvalRequest.updateMany({ where: { userId: account.id, status: "pending" }, data: { status: "expired" } });
    userId = account.id;
  }
  // a course archived (or deleted) since the signup no longer decides: the request is the site's
  const courseId = input.courseId ? ((await tx.course.findFirst({ where: { id: input.courseId, archivedAt: null }, select: { id: true } }))?.id ?? null) : null;
  const request = await tx.approvalRequest.create({
    data: { userId, status: "pending", requestedAt: now, expiresAt: await signupWaitsUntil(tx, courseId, now, ctx.config.APPROVAL_TIMEOUT_MINUTES), courseId },
    select: { id: true },
  });
  const reopened = !!account;
  await recordAudit(tx, ctx, { action: "email_verified", actorId: userId, targetType: "user", targetId: userId, details: { email: input.email, via: input.via, reopened } });
  await recordAudit(tx, ctx, { action: "approval_requested", actorId: userId, targetType: "approval_request", targetId: request.id, details: courseId ? { course_id: courseId } : {} });
  return { kind: "opened", userId, requestId: request.id, reopened };
}

/** What a verified signup (and single sign-on) answers: the account, its request, and how to follow it. */
export async function presentVerifiedAccount(ctx: Ctx, account: VerifiedAccount) {
  const now = ctx.clock.now();
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: account.userId },
    select: { id: true, email: true, fullName: true, role: true, status: true, approvalRequests: { orderBy: { requestedAt: "desc" }, take: 1, include: { course: { select: { id: true, code: true, title: true } } } } },
  });
  const request = user.approvalRequests[0]!;
  return {
    status: user.status === "active" ? ("active" as const) : ("pending" as const),
    user: presentUser(user),
    approval_request: presentApproval(request, now),
    reopened: account.kind === "opened" && account.reopened,
    status_token: signStatusToken(request.id, ctx.config.SECRET_KEY),
  };
}

/**
 * For single sign-on: open or link the account of an address an identity provider vouches for,
 * in its own transaction, then let the roster approve it. Returns the account's id and whether
 * it is active (an existing account keeps its status; a new one is pending unless rostered).
 */
export async function openVerifiedAccount(ctx: Ctx, input: Omit<VerifiedAccountInput, "onExisting"> & { onExisting?: VerifiedAccountInput["onExisting"] }) {
  const attempt = () =>
    transact(ctx, async (tx) => {
      // SQLite: take the write lock before reading (a write that touches no row): a deferred
      // transaction that reads first fails, instead of waiting, when another connection writes between
      await tx.$executeRawUnsafe(`UPDATE users SET id = id WHERE 1 = 0`);
      return createVerifiedAccount(tx, ctx, { onExisting: "link", ...input });
    });
  let account: VerifiedAccount;
  try {
    account = await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // a concurrent verification of the address won: linking uses the account it made, once
    if ((input.onExisting ?? "link") !== "link") throw emailTaken();
    try {
      account = await attempt();
    } catch (again) {
      if (isUniqueViolation(again)) throw emailTaken();
      throw again;
    }
  }
  // also for an account a concurrent sign-in just opened: the roster's decision is conditional,
  // so whichever call comes first approves and the other finds nothing left to decide
  let user = await ctx.db.user.findUniqueOrThrow({ where: { id: account.userId }, select: { id: true, status: true } });
  if (account.kind === "opened" || user.status === "pending") {
    await approveRosteredSignups(ctx, [input.email], { atSignup: true });
    user = await ctx.db.user.findUniqueOrThrow({ where: { id: account.userId }, select: { id: true, status: true } });
  }
  return { account, userId: user.id, active: user.status === "active" };
}

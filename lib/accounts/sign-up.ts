// docs/design.md#accounts: a new account is pending, with an approval request that expires
// APPROVAL_TIMEOUT_MINUTES later; admins are notified at once — unless the email is on an active
// course's roster, which approves it as a student right away (docs/courses.md). Signing up again after a
// rejection or expiry reopens a request (new password and name), rate-limited per IP.
import { recordAudit } from "../audit/record";
import { hashPassword } from "../auth/password";
import type { Ctx } from "../context";
import type { Tx } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { notifyAdmins } from "../notifications/notify";
import { enforce } from "../rate-limit/limit";
import { approvalExpiresAt, isApprovalExpired } from "./approval-expiry";
import { signupsPerIp } from "./limits";
import { normalizeEmail } from "./normalize-email";
import { assertPasswordAcceptable } from "./password-policy";
import { presentApproval, presentUser } from "./present";
import type { SignupInput } from "./schemas";
import { signStatusToken } from "./status-token";
import { approveRosteredSignups, isOnActiveRoster } from "../courses/roster-signups";

const userSelect = { id: true, email: true, fullName: true, role: true, status: true } as const;

export async function signUp(ctx: Ctx, input: SignupInput) {
  await enforce(ctx, signupsPerIp(ctx.config.SIGNUP_LIMIT_PER_IP), ctx.ip, "Too many signups from your network; try again later.");
  const email = normalizeEmail(input.email);
  assertPasswordAcceptable(input.password, email);
  const now = ctx.clock.now();
  const expiresAt = approvalExpiresAt(now, ctx.config.APPROVAL_TIMEOUT_MINUTES);

  // Read outside the transaction, then write conditionally on what was read (optimistic):
  // every transaction starts with a write, which on SQLite takes the write lock up front.
  const existing = await ctx.db.user.findUnique({
    where: { email },
    select: { ...userSelect, updatedAt: true, approvalRequests: { orderBy: { requestedAt: "desc" }, take: 1 } },
  });
  if (existing) assertMayReopen(existing, now);
  const passwordHash = await hashPassword(input.password, ctx.config.BCRYPT_ROUNDS);
  // On a course roster: approved right after the commit below, so admins need no notification.
  const rostered = await isOnActiveRoster(ctx.db, email);

  try {
    const { user, request, reopened } = await ctx.db.$transaction(async (tx) => {
      let user;
      if (!existing) {
        user = await tx.user.create({ data: { email, passwordHash, fullName: input.full_name, role: "student", status: "pending" }, select: userSelect });
      } else {
        // Conditional on the row we read: a concurrent re-signup or decision makes this a 409.
        const { count } = await tx.user.updateMany({
          where: { id: existing.id, status: existing.status, updatedAt: existing.updatedAt },
          data: { passwordHash, fullName: input.full_name, role: "student", status: "pending" },
        });
        if (count !== 1) throw new AppError("conflict", "This account changed while signing up; try again.");
        await tx.approvalRequest.updateMany({ where: { userId: existing.id, status: "pending" }, data: { status: "expired" } });
        user = { ...presentable(existing), fullName: input.full_name, role: "student" as const, status: "pending" as const };
      }
      const request = await tx.approvalRequest.create({ data: { userId: user.id, status: "pending", requestedAt: now, expiresAt } });
      await recordSignup(tx, ctx, user, request.id, !!existing, !rostered);
      return { user, request, reopened: !!existing };
    });
    // After the commit (docs/courses.md, roster auto-approval): also catches an import that
    // committed meanwhile.
    const approved = (await approveRosteredSignups(ctx, [email])).length > 0;
    const decided = approved ? await ctx.db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } }) : request;
    return {
      user: presentUser(approved ? { ...user, status: "active", role: "student" } : user),
      approval_request: presentApproval(decided, now),
      reopened,
      status_token: signStatusToken(request.id, ctx.config.SECRET_KEY),
    };
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken(email);
    throw error;
  }
}

type Existing = {
  id: string;
  email: string;
  fullName: string;
  role: "student" | "admin";
  status: "pending" | "active" | "rejected" | "expired" | "deactivated";
  approvalRequests: { status: "pending" | "approved" | "rejected" | "expired"; expiresAt: Date }[];
};

const presentable = (u: Existing) => ({ id: u.id, email: u.email, fullName: u.fullName, role: u.role, status: u.status });

const emailTaken = (email: string) => new AppError("email_taken", `An account with ${email} already exists. Log in instead.`);

/** Only a rejected or expired signup may be reopened. */
function assertMayReopen(user: Existing, now: Date): void {
  if (user.status === "rejected" || user.status === "expired") return;
  if (user.status === "pending") {
    const latest = user.approvalRequests[0];
    if (!latest || isApprovalExpired(latest, now)) return;
    throw new AppError("approval_pending", `A signup for ${user.email} is already waiting for approval.`);
  }
  throw emailTaken(user.email);
}

async function recordSignup(tx: Tx, ctx: Ctx, user: { id: string; email: string; fullName: string }, requestId: string, reopened: boolean, notify: boolean) {
  await recordAudit(tx, ctx, { action: "signup", actorId: user.id, targetType: "user", targetId: user.id, details: { email: user.email, reopened } });
  await recordAudit(tx, ctx, { action: "approval_requested", actorId: user.id, targetType: "approval_request", targetId: requestId, details: {} });
  if (notify) await notifyAdmins(tx, ctx, {
    type: "approval_requested",
    title: `${user.fullName} is waiting for approval`,
    body: `${user.email} signed up${reopened ? " again" : ""}. The request expires in ${ctx.config.APPROVAL_TIMEOUT_MINUTES} minutes.`,
    link: "/admin/approvals",
  });
}

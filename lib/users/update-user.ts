// Change a user's role and/or active state. The last active admin can never be demoted or
// deactivated: the check re-counts inside the transaction, after locking the active admins
// (PostgreSQL) or holding SQLite's single writer lock, so two admins demoting each other at
// once cannot leave zero.
import { recordAudit } from "../audit/record";
import { revokeUserSessions } from "../auth/sessions";
import type { AuthUser } from "../auth/authenticate";
import { requireStepUp } from "../auth/require-step-up";
import type { Ctx } from "../context";
import { lockBeforeReading, type Tx } from "../db";
import { AppError, notFound } from "../errors";
import { log } from "../log";
import { loadAdminUser } from "./list-users";
import type { UpdateUserBody } from "./schemas";

type Status = "pending" | "active" | "rejected" | "expired" | "deactivated";

/** The status an `active` flag asks for, or an error when the flag cannot apply. */
export function nextStatus(current: Status, active: boolean | undefined): Status {
  if (active === undefined) return current;
  if (!active) return current === "active" ? "deactivated" : current;
  if (current === "active" || current === "deactivated") return "active";
  throw new AppError("conflict", `A ${current} account is activated through an approval decision, not here.`);
}

/** Serialize admin changes before reading anything: the active admins' rows (lockBeforeReading). */
async function lockActiveAdmins(ctx: Ctx, tx: Tx): Promise<void> {
  await lockBeforeReading(tx, ctx.config.DATABASE_URL, "users", `SELECT id FROM users WHERE role = 'admin' AND status = 'active' FOR UPDATE`);
}

export async function updateUser(ctx: Ctx, input: { actor: AuthUser; userId: string } & UpdateUserBody) {
  // Granting a staff role (instructor or admin) needs a fresh proof of presence
  // (lib/auth/require-step-up.ts), checked before the transaction (it reads the actor's session row).
  if (input.role === "admin" || input.role === "instructor") await requireStepUp(ctx, input.actor, `make a user ${input.role === "admin" ? "an admin" : "an instructor"}`);
  const result = await ctx.db.$transaction(async (tx) => {
    await lockActiveAdmins(ctx, tx);
    const before = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true, status: true, fullName: true } });
    if (!before) throw notFound("That user");
    const role = input.role ?? before.role;
    // a signup still waiting (or refused) is decided on the approvals page, never promoted here
    if (role !== "student" && role !== before.role && before.status !== "active" && before.status !== "deactivated") {
      throw new AppError("conflict", `A ${before.status} account is decided on the approvals page; it cannot be made ${role === "admin" ? "an admin" : "an instructor"} here.`);
    }
    const status = nextStatus(before.status, input.active);
    const roleChanged = role !== before.role;
    const statusChanged = status !== before.status;
    if (roleChanged || statusChanged) {
      await tx.user.update({ where: { id: before.id }, data: { role, status } });
    }
    const wasActiveAdmin = before.role === "admin" && before.status === "active";
    if (wasActiveAdmin && (role !== "admin" || status !== "active")) {
      const remaining = await tx.user.count({ where: { role: "admin", status: "active" } });
      if (remaining === 0) {
        throw new AppError("last_admin", "This is the last active admin: make another admin first.");
      }
    }
    // a name is no credential: renaming (lib/text/clean-name.ts already cleaned it) keeps sessions
    const renamed = input.full_name !== undefined && input.full_name !== before.fullName;
    if (renamed) {
      await tx.user.update({ where: { id: before.id }, data: { fullName: input.full_name } });
      await recordAudit(tx, ctx, { action: "user_renamed", actorId: input.actor.id, targetType: "user", targetId: before.id, details: { from: before.fullName, to: input.full_name } });
    }
    let revoked = 0;
    if (roleChanged) {
      await recordAudit(tx, ctx, { action: "user_role_changed", actorId: input.actor.id, targetType: "user", targetId: before.id, details: { from: before.role, to: role } });
    }
    if (statusChanged) {
      await recordAudit(tx, ctx, { action: "user_status_changed", actorId: input.actor.id, targetType: "user", targetId: before.id, details: { from: before.status, to: status } });
    }
    if (roleChanged || statusChanged) {
      // A role or status change must not ride on tokens issued under the old one.
      revoked = await revokeUserSessions(ctx, tx, before.id, roleChanged ? "role_changed" : "status_changed");
    }
    return { changed: roleChanged || statusChanged || renamed, revoked };
  });
  if (result.changed) log("info", "security: user changed", { requestId: ctx.requestId, actorId: input.actor.id, userId: input.userId });
  const user = await loadAdminUser(ctx, ctx.db, input.userId);
  if (!user) throw notFound("That user");
  return { user, sessions_revoked: result.revoked };
}

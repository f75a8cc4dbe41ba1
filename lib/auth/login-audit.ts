// The audit trail of a refused sign-in: one `login_failed` entry with IP and user agent, and
// the failed-login-burst check that tells admins about guessing from one address.
import { recordAudit } from "../audit/record";
import { noteFailedLogin } from "../audit/suspicious";
import type { Ctx } from "../context";

export async function auditLoginFailure(ctx: Ctx, email: string, userId: string | null, reason: string, extra: Record<string, unknown> = {}) {
  await ctx.db.$transaction(async (tx) => {
    await recordAudit(tx, ctx, {
      action: "login_failed",
      actorId: userId,
      targetType: "user",
      targetId: userId,
      details: { email, reason, ...extra },
    });
    // Admins hear about a burst of failures from one IP once an hour (lib/audit/suspicious.ts).
    await noteFailedLogin(tx, ctx, ctx.ip);
  });
}

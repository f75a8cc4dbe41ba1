// Each user's choice of notice mails (docs/design.md#outgoing-mail): read and changed on /security,
// or switched off from a mail's own unsubscribe link. A row in mail_opt_outs means "off".
import type { AuthUser } from "../auth/authenticate";
import { isStaffRole, type Role } from "../auth/policy";
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";
import { isUniqueViolation } from "../errors";
import { MAIL_PREFERENCES, PREFERENCE_WORDS, type MailPreference } from "./preferences";
import type { MailPreferencesBody, MailPreferencesOut } from "./schemas";

const ALWAYS = "Mail about your account (address checks, password resets, signup decisions, course invitations) always arrives.";

/** The preferences that concern someone of this role: staff (admins, instructors) also decide signups and teach courses. */
export function preferencesFor(role: Role): MailPreference[] {
  return MAIL_PREFERENCES.filter((p) => PREFERENCE_WORDS[p].who === "anyone" || (PREFERENCE_WORDS[p].who === "staff" && isStaffRole(role)));
}

export async function getMailPreferences(ctx: Pick<Ctx, "db">, user: Pick<AuthUser, "id" | "role">): Promise<MailPreferencesOut> {
  const off = new Set((await ctx.db.mailOptOut.findMany({ where: { userId: user.id }, select: { preference: true } })).map((o) => o.preference));
  return {
    preferences: preferencesFor(user.role).map((key) => ({ key, label: PREFERENCE_WORDS[key].label, enabled: !off.has(key) })),
    note: ALWAYS,
  };
}

/** Switch one notice mail off; idempotent (a second switch, or two at once, change nothing). */
export async function optOut(db: DbOrTx, ctx: Pick<Ctx, "clock">, userId: string, preference: MailPreference): Promise<void> {
  try {
    await db.mailOptOut.create({ data: { userId, preference, createdAt: ctx.clock.now() } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

export async function setMailPreferences(ctx: Ctx, user: Pick<AuthUser, "id" | "role">, body: MailPreferencesBody): Promise<MailPreferencesOut> {
  for (const [key, enabled] of Object.entries(body.preferences) as [MailPreference, boolean | undefined][]) {
    if (enabled === undefined) continue;
    if (enabled) await ctx.db.mailOptOut.deleteMany({ where: { userId: user.id, preference: key } });
    else await optOut(ctx.db, ctx, user.id, key);
  }
  return getMailPreferences(ctx, user);
}

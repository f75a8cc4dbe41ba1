// The first admin: from `npm run admin:create` or the quick start's bootstrap admin.
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { hashPassword } from "../auth/password";
import type { Ctx } from "../context";
import { AppError, isUniqueViolation } from "../errors";
import { HumanName } from "../text/clean-name";
import { normalizeEmail } from "./normalize-email";
import { assertPasswordAcceptable } from "./password-policy";

export const CreateAdminInput = z.strictObject({
  email: z.email().max(254),
  password: z.string().max(200),
  full_name: HumanName.default("Administrator"),
});

/**
 * An active admin whose address counts as verified (the operator vouches for it; no mail).
 * `mustChangePassword`: the quick start's bootstrap admin, whose generated password was printed,
 * must choose their own at first sign-in (docs/authentication.md#the-bootstrap-admin).
 */
export async function createAdmin(ctx: Ctx, input: z.input<typeof CreateAdminInput>, options: { mustChangePassword?: boolean } = {}) {
  const parsed = CreateAdminInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("validation_failed", `Invalid ${issue.path.join(".") || "input"}: ${issue.message}`, parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  const { email: rawEmail, password, full_name } = parsed.data;
  const email = normalizeEmail(rawEmail);
  assertPasswordAcceptable(password, email);
  const passwordHash = await hashPassword(password, ctx.config.BCRYPT_ROUNDS);
  try {
    return await ctx.db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email, passwordHash, fullName: full_name, role: "admin", status: "active", emailVerifiedAt: ctx.clock.now(), mustChangePassword: options.mustChangePassword ?? false },
        select: { id: true, email: true, fullName: true, role: true },
      });
      await recordAudit(tx, ctx, { action: "user_created", targetType: "user", targetId: user.id, details: { role: "admin", via: "cli", must_change_password: options.mustChangePassword ?? false } });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("email_taken", `An account with ${email} already exists.`);
    throw error;
  }
}

/** A generated password that satisfies the policy (for the quick start's bootstrap admin). */
export function generatePassword(bytes: Buffer): string {
  // Starts with letters so it never looks like a command-line flag ("--…") when pasted.
  return `Rc${bytes.toString("base64url")}-9`;
}

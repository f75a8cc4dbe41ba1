// Step-up: the most sensitive admin actions (approving someone as admin, making a user admin,
// revoking every QR code) need a fresh proof of presence — a passkey or the password, within
// the last 5 minutes, in THIS session — so a stolen cookie or token alone cannot do them.
// The proof is stamped on the auth session row (POST /api/auth/step-up). Command-line scripts
// run by operators on the server have no session and are exempt: they call the use cases
// without an actor. See docs/design.md "Passkeys and step-up".
import type { Ctx } from "../context";
import { AppError } from "../errors";
import type { AuthUser } from "./authenticate";

export const STEP_UP_MAX_AGE_SECONDS = 5 * 60;

/** Details the client uses to ask for the proof and retry. */
export const STEP_UP_DETAILS = { step_up_url: "/api/auth/step-up", methods: ["passkey", "password"], max_age_seconds: STEP_UP_MAX_AGE_SECONDS } as const;

/** Whether a session's last proof is still fresh at `now`. */
export function isSteppedUp(steppedUpAt: Date | null, now: Date): boolean {
  if (!steppedUpAt) return false;
  const age = now.getTime() - steppedUpAt.getTime();
  return age >= 0 && age <= STEP_UP_MAX_AGE_SECONDS * 1000;
}

/** Throw 403 `step_up_required` unless the actor's session proved presence in the last 5 minutes. */
export async function requireStepUp(ctx: Ctx, actor: Pick<AuthUser, "sessionId">, action: string): Promise<void> {
  const session = await ctx.db.authSession.findUnique({ where: { id: actor.sessionId }, select: { steppedUpAt: true } });
  if (isSteppedUp(session?.steppedUpAt ?? null, ctx.clock.now())) return;
  throw new AppError(
    "step_up_required",
    `To ${action}, confirm it is you first: use your passkey or enter your password (valid for ${STEP_UP_MAX_AGE_SECONDS / 60} minutes).`,
    STEP_UP_DETAILS,
  );
}

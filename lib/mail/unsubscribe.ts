// RFC 8058 one-click unsubscribe: the link in a notice mail's List-Unsubscribe header (POST, no
// cookies, no sign-in) and the confirm button of the /unsubscribe page both land here. The token
// names one user and one notice mail (lib/mail/unsubscribe-token.ts); nothing else can be changed
// with it. The answer is the same whether or not the account still exists.
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { optOut } from "./mail-preferences";
import { PREFERENCE_WORDS } from "./preferences";
import type { UnsubscribeOut } from "./schemas";
import { verifyUnsubscribeToken } from "./unsubscribe-token";

export async function unsubscribe(ctx: Ctx, token: string): Promise<UnsubscribeOut> {
  const named = verifyUnsubscribeToken(token, ctx.config.SECRET_KEY);
  if (!named) throw new AppError("token_invalid", "This unsubscribe link is not valid. Open the link from the mail again, or change your mail settings on the Security page.");
  const exists = await ctx.db.user.count({ where: { id: named.userId } });
  if (exists) await optOut(ctx.db, ctx, named.userId, named.preference);
  return { unsubscribed: true, preference: named.preference, label: PREFERENCE_WORDS[named.preference].label };
}

/** For the /unsubscribe page: what the link would switch off, or null when it is not valid. */
export function describeUnsubscribeToken(ctx: Pick<Ctx, "config">, token: string): { label: string } | null {
  const named = verifyUnsubscribeToken(token, ctx.config.SECRET_KEY);
  return named && { label: PREFERENCE_WORDS[named.preference].label };
}

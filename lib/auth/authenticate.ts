// Who is calling: a bearer access token (API) or a next-auth session cookie (browser).
// Either way the auth session row is checked on every request (one indexed lookup), so
// logout, revocation, deactivation and role changes take effect on the next request.
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { isSameSiteWrite } from "../security/same-origin";
import type { Role } from "./policy";
import { verifyAccessToken } from "./tokens";

export interface AuthUser {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  sessionId: string;
  /** the quick start's bootstrap admin before changing the given password: only that is allowed (lib/http.ts) */
  mustChangePassword: boolean;
}

/** Load the session and its user, and refuse anything no longer valid. */
export async function userForSession(ctx: Ctx, sessionId: string, expectedUserId?: string): Promise<AuthUser> {
  const session = await ctx.db.authSession.findUnique({
    where: { id: sessionId },
    select: {
      revokedAt: true,
      expiresAt: true,
      user: { select: { id: true, email: true, fullName: true, role: true, status: true, mustChangePassword: true } },
    },
  });
  if (!session || (expectedUserId && session.user.id !== expectedUserId)) {
    throw new AppError("session_revoked", "Your session has ended; log in again.");
  }
  if (session.revokedAt || session.expiresAt <= ctx.clock.now()) {
    throw new AppError("session_revoked", "Your session has ended; log in again.");
  }
  if (session.user.status !== "active") {
    throw new AppError("account_deactivated", "This account is not active.");
  }
  const { id, email, fullName, role, mustChangePassword } = session.user;
  return { id, email, fullName, role, sessionId, mustChangePassword };
}

/** 403 for a user who must replace the password they were given before doing anything else (docs/authentication.md#the-bootstrap-admin). */
export const passwordChangeRequired = () =>
  new AppError("password_change_required", "Change the password you were given first: POST /api/auth/change-password (or the Security page).", { change_url: "/security" });

export function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization");
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw new AppError("token_invalid", "Authorization must be 'Bearer <access token>'.");
  return m[1]!;
}

/** The next-auth JWT cookie carries only the auth session id (`sid`). */
export async function browserSessionId(req: NextRequest, ctx: Ctx): Promise<{ sessionId: string; userId?: string } | null> {
  const token = await getToken({
    req,
    secret: ctx.config.nextAuthSecret,
    secureCookie: ctx.config.APP_URL.startsWith("https://"),
  });
  if (!token || typeof token.sid !== "string") return null;
  return { sessionId: token.sid, userId: typeof token.sub === "string" ? token.sub : undefined };
}

/**
 * The authenticated user, or null when the request carries no credentials at all. A
 * state-changing request authenticated by the session cookie must come from this site
 * (lib/security/same-origin.ts): 403 cross_site_request otherwise.
 */
export async function authenticate(req: NextRequest, ctx: Ctx): Promise<AuthUser | null> {
  const bearer = bearerToken(req);
  if (bearer) {
    const claims = await verifyAccessToken(bearer, ctx.config.SECRET_KEY, ctx.clock.now());
    return userForSession(ctx, claims.sid, claims.sub);
  }
  const browser = await browserSessionId(req, ctx);
  if (!browser) return null;
  if (!isSameSiteWrite(req.method, req.headers, ctx.config.APP_URL)) {
    throw new AppError("cross_site_request", "This request came from another site; repeat it from Rollcall's own pages.");
  }
  return userForSession(ctx, browser.sessionId, browser.userId);
}

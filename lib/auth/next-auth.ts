// next-auth v4 for browser sessions, built on the same session rows as the API: the Credentials
// provider runs the same login use case and opens a `web` auth session; the JWT cookie carries
// only `sub` (user id), `sid` (auth session id) and `role` (for the request gate's first check).
// lib/auth/authenticate.ts checks the session row on every request, so logout, revocation and
// deactivation apply to browsers too — including next-auth's own /api/auth/session, which
// answers from the row (never from the cookie alone) and does not renew an ended session's
// cookie. Signing out revokes the row. A successful sign-in (any provider) stores the browser's
// trusted-device token for the account in the rc_trust cookie (lib/auth/device-token.ts).
import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies, headers } from "next/headers";
import { LoginBody, VerifyEmailBody } from "../accounts/schemas";
import { verifyEmail } from "../accounts/verify-email";
import type { Config } from "../config";
import { getConfig } from "../config";
import { contextFromHeaders } from "../context";
import { AppError, handOver, isAppError } from "../errors";
import { log, errorFields } from "../log";
import { LoginVerifyBody } from "../passkeys/schemas";
import { signInWithPasskey } from "../passkeys/sign-in-with-passkey";
import { userForSession } from "./authenticate";
import { completeSignIn, findSignInUser, type SignInResult } from "./complete-sign-in";
import { DEVICE_TOKEN_DAYS, parseTrustCookie, TRUST_COOKIE, trustCookieWith } from "./device-token";
import { authenticateCredentials } from "./login";
import { safeRedirectUrl } from "./safe-next";
import { logout } from "./logout";
import type { Role } from "./policy";
import { oidcProvider, OIDC_PROVIDER_ID } from "./sso/oidc-provider";
import { signInWithSso } from "./sso/sign-in-with-sso";
import { noteLibraryError, ssoRefusal } from "./sso/sso-failure";
import type { SsoClaims } from "./sso/sso-identity";

declare module "next-auth" {
  interface User {
    role: Role;
    sid: string;
    /** set by nextAuthUser; stored in the rc_trust cookie, never in the session JWT */
    deviceToken?: string;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: Role };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
    role?: Role;
  }
}

/**
 * What the login form receives when sign-in is refused: next-auth passes the thrown error's
 * message through as `error`, so it carries the use case's code, message and details as JSON.
 */
export interface BrowserLoginError {
  code: string;
  message: string;
  details?: unknown;
  retry_after_seconds?: number;
}

/** The error a provider's `authorize` throws for a refused sign-in (the login form parses it). */
export function refusal(error: unknown): Error {
  if (isAppError(error)) {
    const body: BrowserLoginError = { code: error.code, message: error.message, details: error.clientDetails() };
    const retry = error.headers?.["Retry-After"];
    if (retry) body.retry_after_seconds = Number(retry);
    return new Error(JSON.stringify(body));
  }
  log("error", "browser login failed", errorFields(error));
  return new Error(JSON.stringify({ code: "internal_error", message: "Something went wrong on our side; try again." }));
}

/** What a provider's `authorize` returns for a completed "web" sign-in (lib/auth/complete-sign-in.ts). */
export function nextAuthUser({ user, sessionId, deviceToken }: SignInResult) {
  return { id: user.id, email: user.email, name: user.fullName, role: user.role, sid: sessionId, deviceToken };
}

/** The trusted-device tokens this browser holds (rc_trust cookie). */
async function presentedDeviceTokens(): Promise<string[]> {
  return parseTrustCookie((await cookies()).get(TRUST_COOKIE)?.value);
}

/** Keep the browser's new token for `email` beside its tokens for other accounts. */
async function storeDeviceToken(config: Config, email: string, token: string): Promise<void> {
  const jar = await cookies();
  const value = trustCookieWith(parseTrustCookie(jar.get(TRUST_COOKIE)?.value), token, email, config.SECRET_KEY, new Date());
  jar.set(TRUST_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: config.APP_URL.startsWith("https://"),
    path: "/api/auth", // only sign-in endpoints need it
    maxAge: DEVICE_TOKEN_DAYS * 86_400,
  });
}

let cached: { key: Config; options: AuthOptions } | undefined;

export function authOptions(config: Config = getConfig()): AuthOptions {
  if (cached?.key === config) return cached.options;
  // next-auth builds its own URLs (redirects, CSRF cookie scope) from NEXTAUTH_URL. The app's
  // URL is APP_URL; hand it over instead of making operators set the same thing twice.
  process.env.NEXTAUTH_URL ??= config.APP_URL;
  const maxAge = config.REFRESH_TOKEN_EXPIRE_DAYS * 86_400; // = the auth session row's lifetime
  const options: AuthOptions = {
    secret: config.nextAuthSecret,
    useSecureCookies: config.APP_URL.startsWith("https://"),
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          try {
            const input = LoginBody.parse({ email: credentials?.email ?? "", password: credentials?.password ?? "" });
            const ctx = await contextFromHeaders(await headers());
            return nextAuthUser(await authenticateCredentials(ctx, input, "web", await presentedDeviceTokens()));
          } catch (error) {
            if (error instanceof Error && error.name === "ZodError") {
              throw new Error(JSON.stringify({ code: "validation_failed", message: "Enter your email and password." }));
            }
            throw refusal(error);
          }
        },
      }),
      // A passkey: `response` is the JSON of @simplewebauthn/browser's startAuthentication()
      // for the options of POST /api/auth/passkeys/login/options (lib/passkeys/sign-in-with-passkey.ts).
      CredentialsProvider({
        id: "passkey",
        name: "Passkey",
        credentials: { response: { label: "Passkey response", type: "text" } },
        async authorize(credentials) {
          try {
            const body = LoginVerifyBody.safeParse({ response: JSON.parse(credentials?.response ?? "null") as unknown });
            if (!body.success) throw new Error("invalid passkey response");
            const ctx = await contextFromHeaders(await headers());
            return nextAuthUser(await signInWithPasskey(ctx, body.data, "web"));
          } catch (error) {
            if (!isAppError(error) && (error instanceof SyntaxError || (error as Error).message === "invalid passkey response")) {
              throw new Error(JSON.stringify({ code: "passkey_malformed", message: "The passkey response could not be read. Try again." }));
            }
            throw refusal(error);
          }
        },
      }),
      // A mailed verification link's token, or the address and the mail's code
      // (lib/accounts/verify-email.ts): the account is made, and when the roster approved it at
      // once the mailbox's owner is signed in (method "email"); a pending account is refused as
      // account_pending with its status token, for the waiting page.
      CredentialsProvider({
        id: "verify-email",
        name: "Email verification",
        credentials: { token: { label: "Token", type: "text" }, email: { label: "Email", type: "email" }, code: { label: "Code", type: "text" } },
        async authorize(credentials) {
          try {
            const body = VerifyEmailBody.safeParse(credentials?.token ? { token: credentials.token } : { email: credentials?.email ?? "", code: credentials?.code ?? "" });
            if (!body.success) throw new AppError("validation_failed", "Type the 6 digits from the mail.", body.error.issues.map((i) => ({ path: ["body", ...i.path].join("."), code: i.code, message: i.message })));
            const ctx = await contextFromHeaders(await headers());
            const verified = await verifyEmail(ctx, body.data);
            if (verified.status !== "active") {
              const { expires_at } = verified.approval_request;
              // the status token is this mailbox owner's own: handed over, not masked (lib/errors.ts)
              throw handOver(new AppError("account_pending", "Your email is confirmed; your account now waits for an administrator's approval.", { expires_at }), { status_token: verified.status_token });
            }
            const user = await findSignInUser(ctx, { id: verified.user.id });
            if (!user) throw new AppError("session_revoked", "Sign in with your email and password.");
            return nextAuthUser(await completeSignIn(ctx, user, "web", { method: "email" }));
          } catch (error) {
            throw refusal(error);
          }
        },
      }),
      // Single sign-on with the college's OpenID Provider, when configured (lib/auth/sso/).
      ...(config.sso ? [oidcProvider(config.sso)] : []),
    ],
    callbacks: {
      // The ID token is verified by now; decide the account and open the session
      // (lib/auth/sso/sign-in-with-sso.ts). A refusal sends the browser to the login page with its code.
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const claims = (profile ?? {}) as SsoClaims;
        const ctx = await contextFromHeaders(await headers());
        try {
          Object.assign(user, nextAuthUser(await signInWithSso(ctx, claims, "web")));
          return true;
        } catch (error) {
          return ssoRefusal(ctx, error, claims);
        }
      },
      // callbackUrl / redirects: only paths on this site, checked after normalisation (lib/auth/safe-next.ts)
      redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
      async jwt({ token, user }) {
        if (user) {
          token.sid = user.sid;
          token.role = user.role;
          if (user.deviceToken && user.email) await storeDeviceToken(config, user.email, user.deviceToken);
        }
        return token;
      },
      async session({ session, token }) {
        // From the session row, not the cookie: an ended session or deactivated account throws,
        // and next-auth then answers {} and clears the cookie instead of renewing it.
        if (typeof token.sid !== "string") throw new Error("session cookie without a session id");
        const ctx = await contextFromHeaders(await headers());
        const user = await userForSession(ctx, token.sid, token.sub);
        session.user = { id: user.id, name: user.fullName, email: user.email, role: user.role };
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (!token?.sid || !token.sub) return;
        const ctx = await contextFromHeaders(await headers());
        await logout(ctx, { id: token.sub, sessionId: token.sid });
      },
    },
    logger: {
      error: (code, metadata) => {
        noteLibraryError(code, metadata); // a failed single sign-on's reason, for its audit entry
        log("warn", `next-auth ${code}`, { metadata: String(metadata instanceof Error ? metadata.message : JSON.stringify(metadata)).slice(0, 500) });
      },
      warn: (code) => log("warn", `next-auth ${code}`),
      debug: () => undefined,
    },
  };
  cached = { key: config, options };
  return options;
}

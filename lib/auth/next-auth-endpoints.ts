// Which paths under /api/auth/… are next-auth's own endpoints. Its catch-all route answers only
// these; anything else (e.g. POST /api/auth/0, which next-auth itself fails on with a 500) is a
// JSON 404 like every unknown API path.

const PROVIDERS = new Set(["credentials", "passkey", "verify-email", "oidc"]);

/** next-auth's endpoints of single sign-on, whose failures become sso_failed (lib/auth/sso/sso-failure.ts). */
export function isSsoEndpoint(segments: readonly string[]): boolean {
  return (segments[0] === "signin" || segments[0] === "callback") && segments[1] === "oidc" && segments.length === 2;
}

/** next-auth v4's actions per method; `provider` marks those taking /<provider-id> after them. */
const ACTIONS: Record<string, Record<string, "provider" | "plain">> = {
  GET: { providers: "plain", session: "plain", csrf: "plain", signin: "provider", signout: "plain", callback: "provider", "verify-request": "plain", error: "plain" },
  HEAD: { providers: "plain", session: "plain", csrf: "plain" },
  POST: { signin: "provider", signout: "plain", callback: "provider", session: "plain", _log: "plain" },
};

export function isNextAuthEndpoint(method: string, segments: readonly string[]): boolean {
  const [action, provider, ...rest] = segments;
  const kind = action === undefined ? undefined : ACTIONS[method]?.[action];
  if (!kind || rest.length > 0) return false;
  if (provider === undefined) return true;
  return kind === "provider" && PROVIDERS.has(provider);
}

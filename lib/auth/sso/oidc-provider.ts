// next-auth's OpenID Connect provider for the college's identity provider (docs/authentication.md#single-sign-on).
// Authorization code flow with PKCE, state and nonce checked; the ID token's signature, issuer,
// audience and expiry are verified by openid-client (under next-auth) against the keys and
// metadata of the issuer's discovery document, read at each sign-in (`wellKnown`). Rollcall
// writes no JWT checks of its own. The redirect URI is APP_URL/api/auth/callback/oidc.
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { Role } from "../policy";
import type { SsoConfig } from "../../config";
import { wellKnownUrl } from "./issuer-metadata";
import type { SsoClaims } from "./sso-identity";

/** next-auth's id for the provider: the callback path /api/auth/callback/oidc names it. */
export const OIDC_PROVIDER_ID = "oidc";

export { FRESH_SIGN_IN_PARAMS } from "./fresh-sign-in";

export function oidcProvider(sso: SsoConfig): OAuthConfig<SsoClaims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: sso.displayName,
    type: "oauth",
    wellKnown: wellKnownUrl(sso.issuer),
    clientId: sso.clientId,
    clientSecret: sso.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    client: { token_endpoint_auth_method: "client_secret_basic" },
    httpOptions: { timeout: 10_000 },
    // Only what next-auth needs to carry the claims to the signIn callback, where the account is
    // decided (lib/auth/sso/sign-in-with-sso.ts); id, role and sid are replaced there.
    profile: (claims) => ({ id: String(claims.sub), email: typeof claims.email === "string" ? claims.email : null, name: null, role: "student" as Role, sid: "" }),
  };
}

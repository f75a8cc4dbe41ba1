/**
 * Parameters of a single sign-on that proves presence (step-up, lib/auth/require-step-up.ts): the
 * provider must ask for the credentials again (prompt=login) and say when it did (max_age=0 makes
 * the ID token's auth_time required); lib/auth/sso/sso-identity.ts checks that auth_time is fresh.
 * No imports: the browser's step-up prompt uses it too.
 */
export const FRESH_SIGN_IN_PARAMS = { prompt: "login", max_age: "0" } as const;

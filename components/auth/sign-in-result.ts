// What every sign-in method on the login page does with next-auth's answer: read a refusal
// (the use case's code, carried as JSON in next-auth's `error`), and go where the person was
// heading once signed in.
import { homeFor, safeNextPath } from "@/lib/auth/safe-next";
import { callApi, clientError, type ClientError } from "@/lib/client/call-api";

export interface RefusalDetails {
  status_token?: string;
  reason?: string | null;
  retry_after_seconds?: number;
}

/** next-auth carries the sign-in use case's error as JSON text; its own errors are bare names. */
export function parseRefusal(error: string): ClientError {
  try {
    const r = JSON.parse(error) as { code?: unknown; details?: RefusalDetails | null; retry_after_seconds?: number };
    if (typeof r.code === "string") return clientError(r.code, 0, r.details ?? undefined, r.retry_after_seconds ?? r.details?.retry_after_seconds);
  } catch {
    /* next-auth's own error names, e.g. CredentialsSignin */
  }
  return clientError("invalid_credentials", 401);
}

/** After a successful sign-in: `next`, else the role's home. */
export async function goAfterSignIn(next: string | null): Promise<void> {
  const me = await callApi("GET /api/auth/me", {}, { onUnauthenticated: "report" });
  const target = safeNextPath(next) ?? (me.ok ? homeFor(me.data.role) : "/");
  // A full page load on purpose: the server-rendered shell must pick up the changed session.
  window.location.assign(target);
}

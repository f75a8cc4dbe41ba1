// Redirect responses for browser-facing GET handlers (the scan link), with the receipt cookie.
import type { LinkOutcome } from "./attendance/scan-link";
import { RECEIPT_COOKIE } from "./attendance/scan-receipt";

export function linkResponse(outcome: LinkOutcome, secure: boolean): Response {
  const headers = new Headers({ location: outcome.location, "cache-control": "no-store", "referrer-policy": "no-referrer" });
  const attrs = `Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
  if (outcome.setReceipt) headers.append("set-cookie", `${RECEIPT_COOKIE}=${outcome.setReceipt.value}; Max-Age=${outcome.setReceipt.maxAge}; ${attrs}`);
  if (outcome.clearReceipt) headers.append("set-cookie", `${RECEIPT_COOKIE}=; Max-Age=0; ${attrs}`);
  return new Response(null, { status: 303, headers });
}

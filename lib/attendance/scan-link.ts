// The browser side of a phone camera app opening a code's URL (/s/<payload>): a logged-in
// student is marked at once; a logged-out phone gets a scan receipt and goes to log in.
// Returns where to send the browser next; the route handler only adapts this to HTTP.
import type { AuthUser } from "../auth/authenticate";
import type { Ctx } from "../context";
import { isAppError } from "../errors";
import { completeScanReceipt, issueScanReceipt, RECEIPT_TTL_SECONDS } from "./scan-receipt";
import { markAttendance } from "./mark-attendance";

export interface LinkOutcome {
  location: string;
  setReceipt?: { value: string; maxAge: number };
  clearReceipt?: boolean;
}

function resultUrl(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  return `/scan/result?${q.toString()}`;
}

/**
 * The payload from the link's path segment. A malformed percent-encoding (`/s/%25`, `/s/%E0%A4`)
 * is not a Rollcall code: it is passed on as it is and refused like any other bad code.
 */
export function linkPayload(segment: string): string {
  let payload = segment;
  try {
    payload = decodeURIComponent(segment);
  } catch {
    /* not percent-encoded text: verified (and refused) as it is */
  }
  return payload.slice(0, 512);
}

export async function openScanLink(ctx: Ctx, user: AuthUser | null, payload: string): Promise<LinkOutcome> {
  try {
    if (user) {
      const r = await markAttendance(ctx, user, { qr_payload: payload }, "link");
      return { location: resultUrl({ outcome: "already_marked" in r ? "already_marked" : "marked", event: r.event.id }) };
    }
    const receipt = await issueScanReceipt(ctx, payload);
    return { location: `/login?next=${encodeURIComponent("/scan/receipt")}&scanned=1`, setReceipt: { value: receipt.cookie, maxAge: RECEIPT_TTL_SECONDS } };
  } catch (error) {
    if (isAppError(error)) return { location: resultUrl({ error: error.code }) };
    throw error;
  }
}

export async function finishScanLink(ctx: Ctx, user: AuthUser | null, cookie: string | null): Promise<LinkOutcome> {
  if (!user) return { location: `/login?next=${encodeURIComponent("/scan/receipt")}` };
  if (!cookie) return { location: resultUrl({ error: "receipt_invalid" }) };
  try {
    const r = await completeScanReceipt(ctx, user, cookie);
    return { location: resultUrl({ outcome: "already_marked" in r ? "already_marked" : "marked", event: r.event.id }), clearReceipt: true };
  } catch (error) {
    if (isAppError(error)) return { location: resultUrl({ error: error.code }), clearReceipt: error.code !== "rate_limited" };
    throw error;
  }
}

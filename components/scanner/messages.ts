// Plain-words results of a scan, shared by the in-app scanner and the camera-app result page.
// The words come from the one map (lib/client/error-words.ts); this module only decides the
// tone and which next step fits each outcome.
import { isKnownCode, wordsFor, type ClientErrorCode, type WordsContext } from "@/lib/client/error-words";
import { formatTime } from "@/lib/time/format";

export type Tone = "success" | "info" | "error";
/** What the student can usefully do next: scan again, fix the typed code, or nothing. */
export type NextStep = "rescan" | "type_code" | "none";
export interface Outcome {
  tone: Tone;
  title: string;
  body: string;
  next: NextStep;
}

/** `timeZone`: the viewer's in the browser, the college's where the server renders the result. */
export function successOutcome(status: "present" | "late" | "excused", eventTitle: string, markedAt: string, already: boolean, timeZone: string): Outcome {
  const time = formatTime(markedAt, { timeZone, style: "time" });
  if (status === "excused") return { tone: "info", title: "Excused", body: `An organiser excused you from ${eventTitle}. Nothing else to do.`, next: "none" };
  if (already) return { tone: "info", title: "Already marked", body: `You were already marked ${status} for ${eventTitle} at ${time}. Nothing else to do.`, next: "none" };
  return { tone: "success", title: status === "late" ? "Marked late" : "Marked present", body: `${eventTitle} · ${time}`, next: "none" };
}

/** Failures a fresh scan (or a freshly typed code) can cure. Everything else offers no retry. */
const CURABLE = new Set<ClientErrorCode>([
  "qr_expired", "qr_revoked", "qr_malformed", "qr_invalid_signature", "short_code_invalid", "receipt_invalid", "receipt_wrong_device", "validation_failed",
  "rate_limited", "network_not_allowed", "location_required", "location_outside_geofence", "conflict", "offline", "internal_error", "service_unavailable",
]);

/**
 * The outcome card for an error code. `via` is how the student sent the code: a retry after a
 * typed short code means typing it again (focus the field), not starting the camera.
 */
export function errorOutcome(code: string, via: "camera" | "code" = "camera", context: WordsContext = {}): Outcome {
  const known: ClientErrorCode = isKnownCode(code) ? code : "internal_error";
  const { title, text } = wordsFor(known, context);
  const next: NextStep = !CURABLE.has(known) ? "none" : via === "code" || known === "short_code_invalid" ? "type_code" : "rescan";
  return { tone: "error", title, body: text, next };
}

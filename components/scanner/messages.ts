// Plain-words results of a scan, shared by the in-app scanner and the camera-app result page.
export type Tone = "success" | "info" | "error";
export interface Outcome {
  tone: Tone;
  title: string;
  body: string;
  /** whether "scan again" makes sense */
  retry: boolean;
}

export function successOutcome(status: "present" | "late" | "excused", eventTitle: string, markedAt: string, already: boolean): Outcome {
  const time = new Date(markedAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  if (status === "excused") return { tone: "info", title: "Excused", body: `An organiser excused you from ${eventTitle}. Nothing else to do.`, retry: false };
  if (already) return { tone: "info", title: "Already marked", body: `You were already marked ${status} for ${eventTitle} at ${time}. Nothing else to do.`, retry: false };
  return { tone: "success", title: status === "late" ? "Marked late" : "Marked present", body: `${eventTitle} · ${time}`, retry: false };
}

const ERRORS: Record<string, Omit<Outcome, "tone">> = {
  qr_expired: { title: "Code expired", body: "That code has run out. Scan the code on the screen now.", retry: true },
  qr_revoked: { title: "Code withdrawn", body: "The organiser withdrew that code. Scan the code on the screen now.", retry: true },
  qr_malformed: { title: "Not a Rollcall code", body: "That QR code is not an attendance code. Point the camera at the code on the screen.", retry: true },
  qr_invalid_signature: { title: "Code not recognised", body: "That code was not issued by Rollcall. Scan the code on the screen in the room.", retry: true },
  short_code_invalid: { title: "Code not valid", body: "Check the 6 characters, or type the code on the screen now — each code only lasts a minute.", retry: true },
  event_closed: { title: "Check-in is closed", body: "This event is not taking attendance right now. Ask the organiser.", retry: false },
  not_a_student: { title: "Not a student account", body: "Only student accounts can mark attendance.", retry: false },
  account_pending: { title: "Not approved yet", body: "Your account is waiting for an administrator's approval. Try again once you are approved.", retry: false },
  account_deactivated: { title: "Account not active", body: "Your account is not active. Contact the registrar.", retry: false },
  network_not_allowed: { title: "Wrong network", body: "This event only accepts scans from the campus network. Turn off mobile data, join the campus Wi-Fi, and scan again.", retry: true },
  location_required: { title: "Location needed", body: "This event checks that you are in the room. Allow location access when your phone asks, then scan again.", retry: true },
  location_outside_geofence: { title: "Not in the room", body: "Your location is outside the room for this event.", retry: true },
  device_shared: { title: "Phone already used", body: "This phone already marked another student for this event. Use your own phone.", retry: false },
  receipt_invalid: { title: "Scan again", body: "Your scan from before you logged in has expired or was already used. Scan the code on the screen now.", retry: true },
  receipt_wrong_device: { title: "Scan with this phone", body: "That scan was made on another phone or browser. Scan the code on the screen with this one.", retry: true },
  rate_limited: { title: "Too many tries", body: "Wait a minute, then scan again.", retry: true },
  unauthenticated: { title: "Log in first", body: "Your session ended. Log in and scan again.", retry: false },
  session_revoked: { title: "Log in first", body: "Your session ended. Log in and scan again.", retry: false },
  conflict: { title: "Code already used", body: "You already used this code. Scan the current code on the screen.", retry: true },
  network_error: { title: "No connection", body: "Could not reach Rollcall. Check your connection and try again — retrying never marks you twice.", retry: true },
};

export function errorOutcome(code: string, message?: string): Outcome {
  const known = ERRORS[code];
  if (known) return { tone: "error", ...known };
  return { tone: "error", title: "Could not mark attendance", body: message ?? "Something went wrong. Try again.", retry: true };
}

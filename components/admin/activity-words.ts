// Audit actions in a lecturer's words, for the start page's recent activity.
const WORDS: Record<string, string> = {
  signup: "signed up",
  approval_decided: "decided a signup request",
  login_failed: "failed to sign in",
  login_locked: "was locked out after failed sign-ins",
  login_unlocked: "unlocked an account",
  sessions_revoked: "signed a user out everywhere",
  user_role_changed: "changed a user's role",
  user_status_changed: "changed a user's status",
  user_renamed: "renamed a user",
  user_created: "created a user",
  course_staff_changed: "changed a course's staff",
  event_created: "created an event",
  event_updated: "edited an event",
  event_archived: "archived an event",
  event_deleted: "deleted an event",
  checkin_started: "started check-in",
  checkin_stopped: "stopped check-in",
  qr_revoked: "withdrew a code",
  qr_revoked_all: "withdrew all codes",
  attendance_marked: "was marked present",
  attendance_failed: "had a scan refused",
  attendance_manual: "marked someone by hand",
  attendance_unmarked: "removed a mark",
  device_shared: "used a phone that marked another account",
  scan_refused: "had a scan refused",
  failed_login_burst: "— many failed sign-ins from one address",
  backup_taken: "— backup taken",
  backup_restored: "— backup restored",
  email_verified: "confirmed their email address",
  verification_resent: "— a verification mail was sent again",
  password_reset_requested: "— a password-reset link was asked for",
  password_reset_sent: "sent a password-reset link",
  password_reset: "reset their password",
  password_changed: "changed their password",
};

/** "Ada Lovelace started check-in"; unknown actions read as their name in words. */
export function describeActivity(action: string, actor: string | null): string {
  const words = WORDS[action] ?? action.replaceAll("_", " ");
  const who = actor ?? "The system";
  return words.startsWith("—") ? `${who === "The system" ? "" : `${who} `}${words.slice(2)}`.replace(/^./, (c) => c.toUpperCase()) : `${who} ${words}`;
}

/** Check-in state in words: "not started", "open", "stopped", "ended", "archived". */
export const checkinWords = (state: string) => state.replaceAll("_", " ");

// Which notice mails a user can switch off (docs/design.md#outgoing-mail). Account mail
// (verification, password reset, invitations, approval decisions) has no switch: it always goes.
// A row in mail_opt_outs means "do not send me this"; no row means the mail is wanted.

export const MAIL_PREFERENCES = ["signups_waiting", "mark_removed", "low_attendance_warning", "low_attendance_digest"] as const;
export type MailPreference = (typeof MAIL_PREFERENCES)[number];

/** Plain words for the settings page, the unsubscribe page and each mail's footer. */
export const PREFERENCE_WORDS: Record<MailPreference, { label: string; who: "staff" | "anyone" }> = {
  signups_waiting: { label: "Signups waiting for your decision (at most one mail a minute)", who: "staff" },
  mark_removed: { label: "An attendance mark of yours was removed", who: "anyone" },
  low_attendance_warning: { label: "Your attendance in a course fell below its minimum", who: "anyone" },
  low_attendance_digest: { label: "Daily list of students newly below a course's minimum (courses you teach)", who: "staff" },
};

export function isMailPreference(value: unknown): value is MailPreference {
  return typeof value === "string" && (MAIL_PREFERENCES as readonly string[]).includes(value);
}

// API shapes for outgoing mail: the admin outbox, mail preferences, one-click unsubscribe.
import { z } from "zod";
import { Str } from "../common-schemas";
import { CursorField, LimitField } from "../pagination";
import { MAIL_PREFERENCES } from "./preferences";

export const OUTBOX_STATES = ["pending", "sending", "sent", "failed"] as const;

export const OutboxQuery = z.strictObject({
  state: z.enum(OUTBOX_STATES).optional(),
  to: Str.trim().min(1).max(320).optional().describe("messages to this address (exact, case-insensitive)"),
  cursor: CursorField.optional(),
  limit: LimitField,
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;

export const OutboxSummary = z.object({
  smtp_configured: z.boolean().describe("this instance has SMTP_URL: false means mail waits here to be read"),
  pending: z.number().int().describe("waiting to be sent (or read), including retries"),
  sending: z.number().int(),
  failed_last_24h: z.number().int(),
  oldest_pending_at: z.iso.datetime().nullable(),
  oldest_pending_age_seconds: z.number().int().nullable(),
});
export type OutboxSummary = z.infer<typeof OutboxSummary>;

export const OutboxMessageOut = z.object({
  id: Str,
  message_id: Str,
  to: Str,
  subject: Str,
  category: z.enum(["account", "notice"]),
  state: z.enum(OUTBOX_STATES),
  attempts: z.number().int(),
  next_attempt_at: z.iso.datetime().nullable().describe("pending after a refused attempt: when the sender tries next"),
  last_error: Str.nullable().describe("the relay's last refusal, redacted"),
  created_at: z.iso.datetime(),
  sent_at: z.iso.datetime().nullable(),
  failed_at: z.iso.datetime().nullable(),
  contains_secret: z.boolean().describe("the body holds a sign-in link or code: never shown here"),
  text: Str.nullable().describe("the plain-text body; null when the message contains a secret (or its body was erased after sending)"),
});
export type OutboxMessageOut = z.infer<typeof OutboxMessageOut>;

export const OutboxPage = z.object({ summary: OutboxSummary, messages: z.array(OutboxMessageOut), next_cursor: Str.nullable() });
export type OutboxPage = z.infer<typeof OutboxPage>;

const PreferenceKey = z.enum(MAIL_PREFERENCES);

export const MailPreferencesOut = z.object({
  preferences: z.array(z.object({ key: PreferenceKey, label: Str, enabled: z.boolean() })),
  note: Str.describe("what always arrives regardless"),
});
export type MailPreferencesOut = z.infer<typeof MailPreferencesOut>;

export const MailPreferencesBody = z.strictObject({
  preferences: z.partialRecord(PreferenceKey, z.boolean()).describe("the switches to change: true = send me this mail"),
});
export type MailPreferencesBody = z.infer<typeof MailPreferencesBody>;

export const UnsubscribeQuery = z.strictObject({ token: Str.min(1).max(400) });
export type UnsubscribeQuery = z.infer<typeof UnsubscribeQuery>;

export const UnsubscribeOut = z.object({ unsubscribed: z.literal(true), preference: PreferenceKey, label: Str });
export type UnsubscribeOut = z.infer<typeof UnsubscribeOut>;

import { z } from "zod";
import { Str } from "../common-schemas";
import { ShortIdSchema } from "../events/schemas";

export const IssueQrSessionInput = z.strictObject({ event_id: ShortIdSchema });
export const QrSessionParams = z.strictObject({ id: ShortIdSchema });

const iso = z.iso.datetime();

export const QrSessionOut = z.object({
  id: Str,
  event_id: Str,
  qr_payload: Str.describe("v2.<key id>.<claims>.<mac>: what /api/attendance/mark accepts"),
  qr_url: Str.describe("APP_URL/s/<payload>: what the projected QR encodes"),
  short_code: Str.describe("6 characters for typing, valid exactly as long as the code"),
  issued_at: iso,
  expires_at: iso,
  server_time: iso,
  rotation_seconds: z.number().int(),
  checkin_ends_at: iso,
  attendance_count: z.number().int(),
});
export type QrSessionOut = z.output<typeof QrSessionOut>;

export const RevokedQrSessionOut = z.object({ id: Str, event_id: Str, revoked_at: iso });
export const RevokedCountOut = z.object({ revoked: z.number().int().describe("how many live codes were revoked") });
export type RevokedCountOut = z.output<typeof RevokedCountOut>;

import { z } from "zod";
import { ShortIdSchema } from "../events/schemas";

export const IssueQrSessionInput = z.strictObject({ event_id: ShortIdSchema });
export const QrSessionParams = z.strictObject({ id: ShortIdSchema });

const iso = z.iso.datetime();

export const QrSessionOut = z.object({
  id: z.string(),
  event_id: z.string(),
  qr_payload: z.string().describe("v2.<key id>.<claims>.<mac>: what /api/attendance/mark accepts"),
  qr_url: z.string().describe("APP_URL/s/<payload>: what the projected QR encodes"),
  short_code: z.string().describe("6 characters for typing, valid exactly as long as the code"),
  issued_at: iso,
  expires_at: iso,
  server_time: iso,
  rotation_seconds: z.number().int(),
  checkin_ends_at: iso,
  attendance_count: z.number().int(),
});
export type QrSessionOut = z.output<typeof QrSessionOut>;

export const RevokedQrSessionOut = z.object({ id: z.string(), event_id: z.string(), revoked_at: iso });
export const RevokedCountOut = z.object({ revoked: z.number().int().describe("how many live codes were revoked") });
export type RevokedCountOut = z.output<typeof RevokedCountOut>;

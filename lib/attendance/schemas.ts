import { z } from "zod";
import { SHORT_CODE_ALPHABET } from "../random";
import { ShortIdSchema } from "../events/schemas";

const location = {
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  accuracy_m: z.number().min(0).max(1_000_000).optional(),
};

export const MarkInput = z
  .strictObject({
    /** the bare payload or the full qr_url */
    qr_payload: z.string().min(1).max(512).optional(),
    /** the 6-character code under the projected QR */
    short_code: z
      .string()
      .trim()
      .max(16)
      .transform((s) => s.toUpperCase().replace(/[\s-]/g, ""))
      .pipe(z.string().regex(new RegExp(`^[${SHORT_CODE_ALPHABET}]{6}$`), "must be the 6 characters shown under the code"))
      .optional(),
    ...location,
  })
  .refine((v) => (v.qr_payload === undefined) !== (v.short_code === undefined), { message: "send exactly one of qr_payload or short_code", path: ["qr_payload"] })
  .refine((v) => (v.latitude === undefined) === (v.longitude === undefined), { message: "send latitude and longitude together", path: ["latitude"] });
export type MarkInput = z.infer<typeof MarkInput>;

export const ManualMarkInput = z
  .strictObject({
    user_id: z.string().min(1).max(64).optional(),
    /** alternatively the student's email (the admin page's form) */
    email: z.string().trim().max(254).optional(),
    reason: z.string().trim().min(3).max(500),
    status: z.enum(["present", "late"]).optional(),
  })
  .refine((v) => (v.user_id === undefined) !== (v.email === undefined), { message: "send exactly one of user_id or email", path: ["user_id"] });

export const UnmarkInput = z.strictObject({
  user_id: z.string().min(1).max(64),
  reason: z.string().trim().min(3).max(500),
});

export const ReceiptInput = z.strictObject({ qr_payload: z.string().min(1).max(512) });
export { ShortIdSchema };

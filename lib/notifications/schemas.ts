// API shapes for notifications: the single source for validation and the OpenAPI document.
import { z } from "zod";
import { Str } from "../common-schemas";
import { CursorField, LimitField } from "../pagination";

export { IdParams } from "../common-schemas";

export const NotificationListQuery = z.strictObject({
  cursor: CursorField.optional(),
  limit: LimitField,
  unread: z.enum(["true", "false"]).optional().describe("true: only unread notifications"),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationOut = z.object({
  id: Str,
  type: Str,
  title: Str,
  body: Str,
  link: Str.nullable(),
  read_at: z.iso.datetime().nullable(),
  created_at: z.iso.datetime(),
});
export type NotificationOut = z.infer<typeof NotificationOut>;

export const NotificationList = z.object({
  notifications: z.array(NotificationOut),
  unread_count: z.number().int(),
  next_cursor: Str.nullable(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const MarkReadResult = z.object({ notification: NotificationOut, unread_count: z.number().int() });
export const MarkAllReadResult = z.object({ marked: z.number().int(), unread_count: z.number().int() });

// Keyset (cursor) pagination over (created_at, id), newest first. The cursor is opaque to
// clients: base64url JSON of the last row's time and id. Stable under concurrent inserts.
import { z } from "zod";
import { isStorableDate, isWellFormedText, Str } from "./common-schemas";
import { AppError } from "./errors";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export const CursorField = Str
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, "must be a cursor returned by a previous page")
  .describe("Opaque cursor from the previous page's next_cursor.");
export const LimitField = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE);

export interface Cursor {
  t: Date;
  id: string;
}

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

export function decodeCursor(raw: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string") {
      const t = new Date(value[0]);
      // only what encodeCursor writes: a time both databases can store (years 0001-9999; a
      // later year makes the query itself fail) written exactly as toISOString() writes it
      if (isStorableDate(t) && t.toISOString() === value[0] && value[1].length <= 64 && isWellFormedText(value[1])) return { t, id: value[1] };
    }
  } catch {
    /* fall through */
  }
  throw new AppError("validation_failed", "Invalid query: cursor is not a cursor this API returned.", [
    { path: "query.cursor", code: "invalid_cursor", message: "not a cursor this API returned" },
  ]);
}

/** The Prisma `where` fragment for rows strictly after the cursor in (createdAt desc, id desc) order. */
export function afterCursor(cursor: string | undefined) {
  if (!cursor) return {};
  const { t, id } = decodeCursor(cursor);
  return { OR: [{ createdAt: { lt: t } }, { createdAt: t, id: { lt: id } }] };
}

export const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Fetch limit+1 rows, return a page and the cursor of the next one. */
export function pageOf<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

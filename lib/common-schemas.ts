// Shapes shared by many endpoints: the one string type, the bounded date types, resource ids in
// the URL and the one error body. Every schema builds its strings on `Str` and its times on
// `IsoDateTime` / `LocalDate`, so a new field is safe by default (docs/design.md#errors).
import { z } from "zod";

/**
 * True when `s` is well-formed UTF-16: no lone surrogate. JSON's "\ud800" escape produces one;
 * the databases cannot store it (PostgreSQL refuses the ill-formed UTF-8), so it must be a 400.
 * With the u flag a surrogate class matches only unpaired halves: pairs are one code point.
 */
export function isWellFormedText(s: string): boolean {
  return !/[\uD800-\uDFFF]/u.test(s);
}

/** The one string type: every z.string() of a schema starts here (a unit test checks). */
export const Str = z.string().refine(isWellFormedText, { message: "must be well-formed text (no unpaired UTF-16 surrogate)" });

/** The years a time may fall in once converted to UTC: what both databases (and ISO 8601 without a sign) store. */
export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

/** True when `d` is a real time whose UTC year is within MIN_YEAR..MAX_YEAR. */
export function isStorableDate(d: Date): boolean {
  const year = d.getUTCFullYear();
  return !Number.isNaN(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

const outOfRange = `must fall in the years ${MIN_YEAR}–${MAX_YEAR} once its offset is applied`;

/** A date-time (ISO 8601 with an offset) as a Date, bounded after conversion: `9999-12-31T23:59:59-23:59` is a 400. */
export const IsoDateTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s)).refine(isStorableDate, { message: outOfRange });

/**
 * A calendar date (YYYY-MM-DD) read in some time zone: one day inside the bounds on each side,
 * so that the day's start and end in any zone (UTC−12 to UTC+14) still convert into them.
 */
export const LocalDate = z.iso
  .date()
  .refine((s) => s >= "0001-01-02" && s <= "9999-12-30", { message: `must be between 0001-01-02 and 9999-12-30 (so that it converts into the years ${MIN_YEAR}–${MAX_YEAR} in every time zone)` });

export const IdParams = z.strictObject({ id: Str.min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });

export const ErrorBody = z.object({
  error: z.object({
    code: Str.describe("machine-readable code (lib/errors.ts ERROR_STATUS)"),
    message: Str,
    details: z.unknown().optional(),
  }),
});

/** For GET endpoints without parameters: unknown query parameters are a 400, like extra body fields. */
export const EmptyQuery = z.strictObject({});

// Shapes shared by many endpoints: resource ids in the URL and the one error body.
import { z } from "zod";

export const IdParams = z.strictObject({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe("machine-readable code (lib/errors.ts ERROR_STATUS)"),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

/** A date-time query parameter (ISO 8601). */
export const IsoDateTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/** For GET endpoints without parameters: unknown query parameters are a 400, like extra body fields. */
export const EmptyQuery = z.strictObject({});

// GET /api/people: the account search instructors need to enrol a student or add course staff,
// without the users page's college-wide view (no status, sessions or lockouts).
import { z } from "zod";
import { Str } from "../common-schemas";
import { ROLES } from "../auth/policy";

export const PeopleQuery = z.strictObject({
  q: Str.trim().min(2).max(200).describe("part of a name or email (at least 2 characters; case and accents ignored)"),
  role: z.enum(ROLES).optional().describe("only accounts with this role"),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;

export const PersonOut = z.object({ id: Str, email: Str, full_name: Str, role: z.enum(ROLES) });
export const PeopleOut = z.object({ items: z.array(PersonOut).describe("active accounts, by name") });

// Course shapes: the single source for API validation, server actions and the OpenAPI document.
import { z } from "zod";
import { ShortIdSchema } from "../events/schemas";

export { ShortIdSchema };
export const CourseIdParams = z.strictObject({ id: ShortIdSchema });

/** cuid user ids, as Prisma generates them */
const UserId = z.string().regex(/^[a-z0-9]{20,40}$/, "not a user id");
const noControl = (s: string) => !/\p{Cc}/u.test(s);

const fields = {
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u, "letters, digits, spaces and . _ / - only, starting with a letter or digit")
    .describe("e.g. CS101; unique within a term"),
  title: z.string().trim().min(1).max(200).refine(noControl, "must not contain control characters"),
  term_label: z.string().trim().max(64).refine(noControl, "must not contain control characters").describe('e.g. "2026 Autumn"'),
  threshold_percent: z.number().int().min(0).max(100).describe("minimum attendance rate in percent"),
  instructor_ids: z.array(UserId).max(20).describe("admins teaching the course; the creator by default"),
};

export const CourseCreateInput = z.strictObject({
  code: fields.code,
  title: fields.title,
  term_label: fields.term_label.default(""),
  threshold_percent: fields.threshold_percent.default(80),
  instructor_ids: fields.instructor_ids.optional(),
});
export type CourseCreateInput = z.infer<typeof CourseCreateInput>;

export const CoursePatchInput = z
  .strictObject({
    code: fields.code.optional(),
    title: fields.title.optional(),
    term_label: fields.term_label.optional(),
    threshold_percent: fields.threshold_percent.optional(),
    /** replaces the instructor list (at least one) */
    instructor_ids: fields.instructor_ids.min(1).optional(),
    /** true archives (roster and records are kept; signups no longer auto-approve), false restores */
    archived: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" });
export type CoursePatchInput = z.infer<typeof CoursePatchInput>;

export const CourseListQuery = z.strictObject({
  archived: z.enum(["true", "false", "all"]).default("false"),
  /** matches code, title or term label */
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type CourseListQuery = z.infer<typeof CourseListQuery>;

export const DeleteCourseQuery = z.strictObject({ confirm: z.enum(["true", "false"]).optional() });

// ---- responses (documentation: the use cases build these shapes in serialize.ts) ----
const iso = z.string().describe("ISO 8601 UTC time");
export const InstructorOut = z.object({ id: z.string(), email: z.string(), full_name: z.string() });

export const CourseOut = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  term_label: z.string(),
  threshold_percent: z.number().int(),
  archived_at: iso.nullable(),
  join_code: z.string().nullable().describe("what students type to enrol themselves; null when switched off"),
  instructors: z.array(InstructorOut),
  is_instructor: z.boolean().describe("whether the caller teaches this course"),
  enrolled_count: z.number().int().describe("enrolments not dropped"),
  session_count: z.number().int(),
  created_at: iso,
  updated_at: iso,
});
export const CourseList = z.object({ items: z.array(CourseOut).describe("the caller's courses first, then the rest") });
export const DeleteCourseOut = z.object({ deleted: z.literal(true), id: z.string(), sessions_kept: z.number().int() });

// The term report's export options (docs/courses.md#reports), shared by the CSV and .xlsx
// routes, the OpenAPI document and the per-session export.
import { z } from "zod";
import { Str } from "../common-schemas";
import { ShortIdSchema } from "../events/schemas";

export const CSV_SEPARATORS = [";", ","] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

const separator = z.enum(CSV_SEPARATORS).optional().describe("the cell separator; default from COLLEGE_LOCALE (\";\" where it writes decimal commas, as Excel there expects)");
const sessions = z.enum(["held", "all"]).default("held").describe("held: sessions held so far (default); all: also the ones still to come, as empty columns");

export type SessionChoice = z.infer<typeof sessions>;

export const ReportCsvQuery = z.strictObject({ separator, sessions });
export type ReportCsvQuery = z.infer<typeof ReportCsvQuery>;

export const ReportXlsxQuery = z.strictObject({ sessions });
export type ReportXlsxQuery = z.infer<typeof ReportXlsxQuery>;

export const MAX_TERM_REPORT_COURSES = 50;
export const TermReportQuery = z
  .strictObject({
    term: Str.trim().max(64).optional().describe("every course of this term label (e.g. 2026 Autumn), by code"),
    course_id: z.union([ShortIdSchema, z.array(ShortIdSchema).max(MAX_TERM_REPORT_COURSES)]).optional().describe("these courses (repeat the parameter)"),
    sessions,
  })
  .refine((q) => (q.term === undefined) !== (q.course_id === undefined), { message: "send either term or course_id", path: ["term"] });
export type TermReportQuery = z.infer<typeof TermReportQuery>;

export const SessionCsvQuery = z.strictObject({ separator });
export type SessionCsvQuery = z.infer<typeof SessionCsvQuery>;

export const CSV_MEDIA_TYPE = "text/csv; charset=utf-8";
export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

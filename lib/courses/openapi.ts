// The course endpoints for the OpenAPI document, declared with the same schemas the route
// handlers validate with. Spread COURSE_ENDPOINTS into lib/openapi/endpoints.ts's ENDPOINTS.
import type { EndpointDef } from "../openapi/registry";
import { MAX_ROSTER_ROWS, ROSTER_MEDIA_TYPES } from "./parse-roster-csv";
import {
  CourseCreateInput, CourseIdParams, CourseList, CourseListQuery, CourseOut, CoursePatchInput, DeleteCourseOut, DeleteCourseQuery, DropOut, EnrollInput,
  EnrollmentList, EnrollmentListQuery, EnrollmentParams, EnrollOut, ImportOut, ImportQuery, JoinCodeInput, JoinCodeOut, JoinInput, JoinOut, SessionSeriesInput, SessionSeriesOut,
} from "./schemas";

const admin = { tag: "Courses", auth: "admin" as const };

export const COURSE_ENDPOINTS: readonly EndpointDef[] = [
  {
    ...admin, method: "get", path: "/api/courses", summary: "List courses: the ones you teach first",
    query: CourseListQuery, responses: { 200: { description: "Courses", schema: CourseList } },
  },
  {
    ...admin, method: "post", path: "/api/courses", summary: "Create a course (you teach it unless instructor_ids says otherwise; audited)",
    body: CourseCreateInput, responses: { 201: { description: "The course", schema: CourseOut } },
    errors: { 409: "course_exists: the same code in the same term" },
  },
  {
    ...admin, method: "get", path: "/api/courses/{id}", summary: "One course",
    params: CourseIdParams, responses: { 200: { description: "The course", schema: CourseOut } }, errors: { 404: "course_not_found" },
  },
  {
    ...admin, method: "patch", path: "/api/courses/{id}", summary: "Edit, archive or restore a course, or replace its instructors (audited)",
    params: CourseIdParams, body: CoursePatchInput, responses: { 200: { description: "The course", schema: CourseOut } },
    errors: { 404: "course_not_found", 409: "course_exists" },
  },
  {
    ...admin, method: "delete", path: "/api/courses/{id}", summary: "Delete a course and its roster; its sessions stay as standalone events (audited)",
    params: CourseIdParams, query: DeleteCourseQuery, responses: { 200: { description: "Deleted", schema: DeleteCourseOut } },
    errors: { 404: "course_not_found", 409: "course_has_records: confirm with ?confirm=true" },
  },
  {
    ...admin, method: "get", path: "/api/courses/{id}/enrollments", summary: "The roster: enrolments, alphabetical; search by name, email or student number",
    params: CourseIdParams, query: EnrollmentListQuery, responses: { 200: { description: "Enrolments", schema: EnrollmentList } }, errors: { 404: "course_not_found" },
  },
  {
    ...admin, method: "post", path: "/api/courses/{id}/enrollments", summary: "Enrol one student (an account, or an email and name); a dropped one is enrolled again (audited)",
    params: CourseIdParams, body: EnrollInput, responses: { 201: { description: "The enrolment", schema: EnrollOut } },
    errors: { 403: "not_a_student: admins cannot be enrolled", 404: "course_not_found; not_found (user_id)", 409: "enrollment_exists" },
  },
  {
    ...admin, method: "delete", path: "/api/courses/{id}/enrollments/{enrollment_id}", summary: "Drop one student (the enrolment is kept with dropped_at; audited)",
    params: EnrollmentParams, responses: { 200: { description: "The dropped enrolment", schema: DropOut } }, errors: { 404: "enrollment_not_found" },
  },
  {
    ...admin, method: "post", path: "/api/courses/{id}/enrollments/import",
    summary: `Import a roster CSV (at most ${MAX_ROSTER_ROWS} rows): preview with dry_run=true, apply in one transaction with dry_run=false`,
    description:
      "Header names in any order and case: email (or e-mail), name (or full_name), optional student_number (or id). Separator , or ; (from the header line); " +
      "a UTF-8 BOM, quoted cells with separators and newlines, and blank lines are fine. Duplicate emails are reported as invalid, not doubled. " +
      "Importing the same file again changes nothing. Pending signups whose email the roster names are approved as students (approved_signups).",
    params: CourseIdParams, query: ImportQuery,
    textBody: { types: ROSTER_MEDIA_TYPES, description: "The CSV file (docs/roster-sample.csv)" },
    responses: { 200: { description: "What was (dry run: would be) added, kept, updated, dropped, refused and approved", schema: ImportOut } },
    errors: { 400: "roster_csv_invalid: empty file, no email or name column", 404: "course_not_found", 413: `roster_too_large: more than ${MAX_ROSTER_ROWS} rows (details.limit); payload_too_large: over 2 MiB` },
  },
  {
    ...admin, method: "post", path: "/api/courses/{id}/join-code", summary: "Rotate the course's join code (the old one stops working) or switch self-enrolment off (audited)",
    params: CourseIdParams, body: JoinCodeInput, responses: { 200: { description: "The new code, or null", schema: JoinCodeOut } }, errors: { 404: "course_not_found" },
  },
  {
    tag: "Courses", auth: "user", method: "post", path: "/api/courses/join", summary: "Enrol yourself with a course's join code",
    body: JoinInput,
    responses: { 201: { description: "Enrolled", schema: JoinOut }, 200: { description: "Already enrolled", schema: JoinOut } },
    errors: { 403: "not_a_student", 404: "join_code_invalid (also for an archived course or a disabled code)", 409: "enrollment_dropped: an instructor dropped you", 429: "rate_limited: 10 tries per 10 minutes" },
  },
  {
    ...admin, method: "post", path: "/api/courses/{id}/sessions",
    summary: "Generate a weekly series of sessions (weekdays, start time, duration, first/last date, skipped dates) read in COLLEGE_TIMEZONE",
    description: "Each session is an ordinary event with course_id; editing one (PATCH /api/events/{id}) changes only it. Daylight-saving changes do not shift the local start time.",
    params: CourseIdParams, body: SessionSeriesInput, responses: { 201: { description: "The sessions created", schema: SessionSeriesOut } },
    errors: { 404: "course_not_found", 409: "conflict: the course is archived" },
  },
  {
    ...admin, method: "get", path: "/api/courses/{id}/report",
    summary: "Term report: students × sessions (P/L/E/A), counts and rate per student over sessions held so far, who is below the threshold, per-session totals, rate distribution",
    params: CourseIdParams, responses: { 200: { description: "The report" } }, errors: { 404: "course_not_found" },
  },
  {
    ...admin, method: "get", path: "/api/courses/{id}/report.csv", summary: "The term report as CSV (text/csv; cells a spreadsheet would run as formulas are neutralised)",
    params: CourseIdParams, responses: { 200: { description: "CSV file" } }, errors: { 404: "course_not_found" },
  },
];

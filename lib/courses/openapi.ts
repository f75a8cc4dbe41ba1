// The course endpoints for the OpenAPI document, declared with the same schemas the route
// handlers validate with. Spread COURSE_ENDPOINTS into lib/openapi/endpoints.ts's ENDPOINTS.
import type { EndpointDef } from "../openapi/registry";
import { MAX_ROSTER_ROWS, ROSTER_MEDIA_TYPES } from "./parse-roster-csv";
import { CSV_MEDIA_TYPE, MAX_TERM_REPORT_COURSES, ReportCsvQuery, ReportXlsxQuery, TermReportQuery, XLSX_MEDIA_TYPE } from "./report-schemas";
import {
  InviteInput, InviteOut,
  CourseCreateInput, CourseIdParams, CourseReportOut, CourseList, CourseListQuery, CourseOut, CoursePatchInput, DeleteCourseOut, DeleteCourseQuery, DropOut, EnrollInput,
  EnrollmentList, EnrollmentListQuery, EnrollmentParams, EnrollOut, ImportOut, ImportQuery, JoinCodeInput, JoinCodeOut, JoinInput, JoinOut, SessionSeriesInput, SessionSeriesOut,
  StaffAddOut, StaffInput, StaffList, StaffParams, StaffRemoveOut,
} from "./schemas";

const admin = { tag: "Courses" };

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
    ...admin, method: "delete", path: "/api/courses/{id}", summary: "Delete a course, its roster and (by default) its sessions; each session's attendance is kept in the audit log (audited)",
    description: "sessions=keep leaves the sessions as standalone events instead. A course with sessions or enrolled students needs confirm=true; the 409 says how many (details.session_count, enrolled_count, attendance_count).",
    params: CourseIdParams, query: DeleteCourseQuery, responses: { 200: { description: "Deleted", schema: DeleteCourseOut } },
    errors: { 404: "course_not_found", 409: "course_has_records: confirm with ?confirm=true" },
  },
  {
    ...admin, method: "get", path: "/api/courses/{id}/staff", summary: "The course's staff: its instructors and teaching assistants",
    params: CourseIdParams, responses: { 200: { description: "Instructors first, then assistants", schema: StaffList } }, errors: { 404: "course_not_found" },
  },
  {
    ...admin, method: "post", path: "/api/courses/{id}/staff",
    summary: "Add an instructor (an instructor or admin account) or a teaching assistant (any account), or change someone's role in the course (audited)",
    params: CourseIdParams, body: StaffInput,
    responses: { 201: { description: "Added to the staff", schema: StaffAddOut }, 200: { description: "Their role changed, or already was this one", schema: StaffAddOut } },
    errors: { 404: "course_not_found; not_found (user_id: no such active account)", 409: "last_instructor: the course's only instructor cannot become an assistant" },
  },
  {
    ...admin, method: "delete", path: "/api/courses/{id}/staff/{user_id}", summary: "Remove someone from the course's staff (audited)",
    params: StaffParams, responses: { 200: { description: "Removed", schema: StaffRemoveOut } },
    errors: { 404: "course_not_found; not_found (not on the staff)", 409: "last_instructor: a course keeps at least one instructor" },
  },
  {
    ...admin, method: "get", path: "/api/courses/{id}/enrollments", summary: "The roster: enrolments by family name; search by name, email or student number (case and accents ignored)",
    params: CourseIdParams, query: EnrollmentListQuery, responses: { 200: { description: "Enrolments", schema: EnrollmentList } }, errors: { 404: "course_not_found" },
  },
  {
    ...admin, method: "post", path: "/api/courses/{id}/enrollments", summary: "Enrol one student (an account, or an email and name); a dropped one is enrolled again (audited)",
    params: CourseIdParams, body: EnrollInput, responses: { 201: { description: "The enrolment", schema: EnrollOut } },
    errors: { 403: "not_a_student: admins cannot be enrolled", 404: "course_not_found; not_found (user_id)", 409: "enrollment_exists" },
  },
  {
    ...admin, method: "post", path: "/api/courses/{id}/invitations",
    summary: "Mail an invitation to sign up to enrolled students without an account (all of them, or the ids given)",
    description: "One mail each, naming the course and the caller, with a signup link that fills in the address. A student invited less than an hour ago is skipped (counted in recently_invited); at most 20 invite calls per course per hour.",
    params: CourseIdParams, body: InviteInput, responses: { 200: { description: "Who was invited, and who was not and why", schema: InviteOut } },
    errors: { 404: "course_not_found", 409: "conflict: the course is archived", 429: "rate_limited: 20 invite calls per course per hour (Retry-After)" },
  },
  {
    ...admin, method: "delete", path: "/api/courses/{id}/enrollments/{enrollment_id}", summary: "Drop one student (the enrolment is kept with dropped_at; audited)",
    params: EnrollmentParams, responses: { 200: { description: "The dropped enrolment", schema: DropOut } }, errors: { 404: "enrollment_not_found" },
  },
  {
    ...admin, method: "post", path: "/api/courses/{id}/enrollments/import",
    summary: `Import a roster CSV (at most ${MAX_ROSTER_ROWS} rows): preview with dry_run=true, apply in one transaction with dry_run=false`,
    description:
      "The file's bytes as sent: UTF-8 (with or without a BOM), UTF-16 LE/BE with a BOM, or Windows-1252/Latin-1, detected from the bytes (a charset parameter is ignored) " +
      "and named in the answer's encoding; anything else is refused with 400 text_encoding_unknown. Header names in any order, case or accents: an email column " +
      "(Email, E-Mail, Email address, E-Mail-Adresse, Courriel, Correo electrónico…), a name column (Name, Full name, Student) or split names (First name + Last name/Surname, " +
      "Given name + Family name, Vorname + Nachname, Prénom + Nom, Nombre + Apellidos, Canvas's Sortable name), optional student number (ID number, Student ID, " +
      "Matrikelnummer, SIS User ID, Numéro étudiant, Matrícula, ID). Separator , ; or tab (from the header line); " +
      "quoted cells with separators and newlines, and blank lines are fine. Duplicate emails are reported as invalid, not doubled. " +
      "Importing the same file again changes nothing. Pending signups whose email the roster names are approved as students (approved_signups).",
    params: CourseIdParams, query: ImportQuery,
    textBody: { types: ROSTER_MEDIA_TYPES, description: "The CSV file (docs/roster-sample.csv)" },
    responses: { 200: { description: "What was (dry run: would be) added, kept, updated, dropped, refused and approved", schema: ImportOut } },
    errors: { 400: "roster_csv_invalid: empty file, no email or name column (details.missing), a column named twice; text_encoding_unknown: save the file as CSV UTF-8", 404: "course_not_found", 413: `roster_too_large: more than ${MAX_ROSTER_ROWS} rows (details.limit); payload_too_large: over 2 MiB`, 503: "busy: too many reports, exports and imports running on this instance; retry after Retry-After (check-ins come first)" },
  },
  {
    ...admin, method: "post", path: "/api/courses/{id}/join-code", summary: "Rotate the course's join code (the old one stops working) or switch self-enrolment off (audited)",
    params: CourseIdParams, body: JoinCodeInput, responses: { 200: { description: "The new code, or null", schema: JoinCodeOut } }, errors: { 404: "course_not_found" },
  },
  {
    tag: "Courses", method: "post", path: "/api/courses/join", summary: "Enrol yourself with a course's join code",
    body: JoinInput,
    responses: { 201: { description: "Enrolled", schema: JoinOut }, 200: { description: "Already enrolled", schema: JoinOut } },
    errors: { 403: "not_a_student", 404: "join_code_invalid (also for an archived course or a disabled code)", 409: "enrollment_dropped: an instructor dropped you", 429: "rate_limited: 10 tries per 10 minutes" },
  },
  {
    ...admin, method: "post", path: "/api/courses/{id}/sessions",
    summary: "Generate a weekly series of sessions (weekdays, start time, duration, first/last date, skipped dates) read in COLLEGE_TIMEZONE",
    description:
      "Each session is an ordinary event with course_id, titled with its date ('INF2040 · Mon 7 Dec'); editing one (PATCH /api/events/{id}) changes only it. " +
      "Daylight-saving changes do not shift the local start time. A series that overlaps the course's existing sessions is refused (409 sessions_overlap, " +
      "details.dates and details.local_dates in the college's zone, details.existing) unless existing is \"skip\". Identical requests sent at once create the series once.",
    params: CourseIdParams, body: SessionSeriesInput, responses: { 201: { description: "The sessions created", schema: SessionSeriesOut } },
    errors: { 404: "course_not_found", 409: "conflict: the course is archived; sessions_overlap: the course already has sessions at those times" },
  },
  {
    ...admin, method: "get", path: "/api/courses/{id}/report",
    summary: "Term report: students × sessions (P/L/E/A, - before enrolment), counts and rate per student over sessions held while enrolled, who is below the threshold, per-session totals, rate distribution",
    params: CourseIdParams, responses: { 200: { description: "The report", schema: CourseReportOut } }, errors: { 404: "course_not_found", 503: "busy: too many reports, exports and imports running on this instance; retry after Retry-After (check-ins come first)" },
  },
  {
    ...admin, method: "get", path: "/api/courses/{id}/report.csv",
    summary: "The term report as CSV: UTF-8 with a byte-order mark, `;` or `,`, session columns headed YYYY-MM-DD HH:mm in the college's zone, students by family name",
    description: "Held sessions only unless sessions=all. Cells a spreadsheet would run as formulas are neutralised. – marks a session before the student was enrolled.",
    params: CourseIdParams, query: ReportCsvQuery, responses: { 200: { description: "CSV file", mediaType: CSV_MEDIA_TYPE } }, errors: { 404: "course_not_found", 503: "busy: too many reports, exports and imports running on this instance; retry after Retry-After (check-ins come first)" },
  },
  {
    ...admin, method: "get", path: "/api/courses/{id}/report.xlsx",
    summary: "The term report as an Excel workbook: a summary sheet and the course's sheet (frozen header row and name column, college-zone session headers)",
    params: CourseIdParams, query: ReportXlsxQuery, responses: { 200: { description: "Excel workbook", mediaType: XLSX_MEDIA_TYPE } }, errors: { 404: "course_not_found", 503: "busy: too many reports, exports and imports running on this instance; retry after Retry-After (check-ins come first)" },
  },
  {
    ...admin, method: "get", path: "/api/courses/report.xlsx",
    summary: `Several courses' term reports in one workbook (a term's courses by code, or the ones named; at most ${MAX_TERM_REPORT_COURSES}): a summary sheet and one sheet per course`,
    query: TermReportQuery, responses: { 200: { description: "Excel workbook", mediaType: XLSX_MEDIA_TYPE } }, errors: { 404: "course_not_found: no course in that term, or one named does not exist", 503: "busy: too many reports, exports and imports running on this instance; retry after Retry-After (check-ins come first)" },
  },
];

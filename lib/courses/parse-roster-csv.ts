// A roster CSV as exported by real systems → rows to enrol and invalid rows with their line and
// reason. Parsing is csv-parse's (RFC 4180 quoting, a UTF-8 BOM, embedded separators and
// newlines); this module picks the separator, maps the header, and validates each row. Pure.
import { parse } from "csv-parse/sync";
import type { CsvError } from "csv-parse/sync";
import { normalizeEmail } from "../accounts/normalize-email";
import { EmailSchema } from "../accounts/schemas";
import { AppError } from "../errors";
import { cleanName, nameProblem } from "../text/clean-name";

export const MAX_ROSTER_ROWS = 5000;
/** 5,000 rows of long names and addresses fit comfortably; the byte cap stops a huge upload early. */
export const MAX_ROSTER_BYTES = 2 * 1024 * 1024;
/** what a spreadsheet's "Save as CSV" is sent as (text/plain for a plain upload) */
export const ROSTER_MEDIA_TYPES = ["text/csv", "text/plain"] as const;
const MAX_STUDENT_NUMBER_LENGTH = 64;

export interface RosterRow {
  /** the line the record starts on (the header is line 1) */
  line: number;
  email: string;
  full_name: string;
  student_number: string | null;
}
export interface InvalidRow {
  line: number;
  reason: string;
  /** the row's email when it is a valid address (replace mode never drops such a student) */
  email: string | null;
}
export interface ParsedRoster {
  delimiter: "," | ";";
  rows: RosterRow[];
  invalid: InvalidRow[];
}

type Column = "email" | "full_name" | "student_number";
const HEADER_ALIASES: Record<string, Column> = {
  email: "email",
  e_mail: "email",
  email_address: "email",
  name: "full_name",
  full_name: "full_name",
  fullname: "full_name",
  student_name: "full_name",
  student_number: "student_number",
  id: "student_number",
  student_id: "student_number",
  studentnumber: "student_number",
};
const normalizeHeader = (h: string) => h.trim().toLowerCase().replace(/[\s_-]+/g, "_").replace(/^_|_$/g, "");

const csvError = (message: string, details?: unknown) => new AppError("roster_csv_invalid", message, details);

/** The separator the header line uses: `;` (European spreadsheet exports) when it has more of them than `,`. */
function detectDelimiter(text: string): "," | ";" {
  const header = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/).find((l) => l.trim() !== "") ?? "";
  const count = (c: string) => header.split(c).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

const hasControl = (s: string) => /\p{Cc}/u.test(s);
const newlines = (s: string) => s.split("\n").length - 1;

export function parseRosterCsv(text: string): ParsedRoster {
  if (text.replace(/^\uFEFF/, "").trim() === "") throw csvError("The file is empty. Export the roster with a header line: email, name, student_number.");
  const delimiter = detectDelimiter(text);
  const invalid: InvalidRow[] = [];
  // One line ending everywhere (also inside quoted cells): csv-parse miscounts lines when a
  // quoted cell holds a CRLF, and names collapse their whitespace anyway.
  const records = parse(text.replace(/\r\n?/g, "\n"), {
    bom: true,
    delimiter,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      const end = Number(error?.lines ?? 1);
      invalid.push({ line: Math.max(1, end - newlines(raw ?? "")), reason: `malformed CSV: ${error?.message ?? "unreadable record"}`, email: null });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];

  const [header, ...data] = records;
  if (!header) throw csvError("The file has no header line.");
  const columns = new Map<Column, number>();
  header.record.forEach((name, index) => {
    const column = HEADER_ALIASES[normalizeHeader(name)];
    if (!column) return;
    if (columns.has(column)) throw csvError(`The header names the ${column} column twice.`, { header: header.record });
    columns.set(column, index);
  });
  const missing = (["email", "full_name"] as const).filter((c) => !columns.has(c));
  if (missing.length) {
    throw csvError(`The header line must name the ${missing.join(" and ")} column${missing.length > 1 ? "s" : ""} (accepted: email or e-mail; name or full_name; optional student_number or id).`, {
      missing,
      header: header.record,
    });
  }
  const filled = data.filter((r) => r.record.some((cell) => cell.trim() !== ""));
  if (filled.length > MAX_ROSTER_ROWS) {
    throw new AppError("roster_too_large", `A roster import takes at most ${MAX_ROSTER_ROWS} rows; this file has ${filled.length}. Split it into several files.`, {
      limit: MAX_ROSTER_ROWS,
      rows: filled.length,
    });
  }

  const rows: RosterRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of filled) {
    const line = info.lines - record.reduce((n, cell) => n + newlines(cell), 0);
    const cell = (c: Column) => {
      const i = columns.get(c);
      return i === undefined ? "" : (record[i] ?? "");
    };
    const rawEmail = cell("email").trim();
    const parsedEmail = EmailSchema.safeParse(rawEmail);
    const email = parsedEmail.success ? normalizeEmail(parsedEmail.data) : null;
    const reject = (reason: string) => invalid.push({ line, reason, email });
    if (!rawEmail) {
      reject("missing email");
      continue;
    }
    if (!email) {
      reject(`invalid email: ${rawEmail.slice(0, 80)}`);
      continue;
    }
    // the one name rule (lib/text/clean-name.ts): invisible characters stripped, whitespace collapsed
    const fullName = cleanName(cell("full_name"));
    const problem = nameProblem(fullName);
    if (problem) {
      reject(fullName === "" ? "missing name" : `name ${problem}`);
      continue;
    }
    const studentNumber = cell("student_number").trim();
    if (studentNumber.length > MAX_STUDENT_NUMBER_LENGTH || hasControl(studentNumber)) {
      reject(`student number must be at most ${MAX_STUDENT_NUMBER_LENGTH} printable characters`);
      continue;
    }
    const first = firstLineOf.get(email);
    if (first !== undefined) {
      reject(`duplicate of line ${first} (${email})`);
      continue;
    }
    firstLineOf.set(email, line);
    rows.push({ line, email, full_name: fullName, student_number: studentNumber || null });
  }
  invalid.sort((a, b) => a.line - b.line);
  return { delimiter, rows, invalid };
}

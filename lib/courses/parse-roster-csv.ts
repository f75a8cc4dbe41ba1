// A roster CSV as exported by real systems → rows to enrol and invalid rows with their line and
// reason (docs/courses.md#roster-import-csv). Parsing is csv-parse's (RFC 4180 quoting, a BOM,
// embedded separators and newlines); this module picks the separator, maps the header (aliases
// of Moodle, Canvas and European registries; split first/last names), and validates each row.
// Pure and linear in the file's size.
import { parse } from "csv-parse/sync";
import type { CsvError } from "csv-parse/sync";
import { normalizeEmail } from "../accounts/normalize-email";
import { EmailSchema } from "../accounts/schemas";
import { AppError } from "../errors";
import { cleanName, nameProblem } from "../text/clean-name";
import { decodeTextFile, type TextEncoding } from "../text/decode-text-file";

export const MAX_ROSTER_ROWS = 5000;
/** 5,000 rows of long names and addresses fit comfortably; the byte cap stops a huge upload early. */
export const MAX_ROSTER_BYTES = 2 * 1024 * 1024;
/**
 * What a roster upload is sent as: a spreadsheet's "Save as CSV" (text/csv; Windows browsers
 * label a .csv file application/vnd.ms-excel), a plain text file, or bytes of unknown type. The
 * body is read as bytes and its encoding detected, whatever a charset parameter says.
 */
export const ROSTER_MEDIA_TYPES = ["text/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream"] as const;
const MAX_STUDENT_NUMBER_LENGTH = 64;

export interface RosterRow {
  /** the line the record starts on (the header is line 1) */
  line: number;
  email: string;
  full_name: string;
  /** from split name columns (first/last, given/family, a "Family, Given" sortable name); null when the file has one name column */
  given_name: string | null;
  family_name: string | null;
  student_number: string | null;
}
export interface InvalidRow {
  line: number;
  reason: string;
  /** the row's email when it is a valid address (replace mode never drops such a student) */
  email: string | null;
}
export type RosterDelimiter = "," | ";" | "\t";
/** What each recognised column was called in the file's header, for the preview. */
export type RosterColumns = Partial<Record<Column, string>>;
export interface ParsedRoster {
  delimiter: RosterDelimiter;
  columns: RosterColumns;
  rows: RosterRow[];
  invalid: InvalidRow[];
}

type Column = "email" | "full_name" | "given_name" | "family_name" | "sortable_name" | "student_number";

// Header names as LMS and student information systems export them (Moodle's participants list,
// Canvas, German, French and Spanish registries), compared after normalizeHeader. A column with a
// more specific name wins over a generic one (Canvas has both "ID", its own id, and "SIS User ID",
// the student number); two columns of the same rank for one field are refused as ambiguous.
const ALIASES: Record<Column, string[]> = {
  email: [
    "email", "e_mail", "email_address", "e_mail_address", "emailaddress", "e_mail_adresse", "email_adresse", "mail", "mail_address", "student_email",
    "courriel", "adresse_courriel", "adresse_email", "adresse_e_mail", "adresse_electronique", "adresse_mail", "correo", "correo_electronico", "email_institucional",
  ],
  full_name: ["full_name", "fullname", "student_name", "display_name", "nom_complet", "nom_et_prenom", "nombre_completo", "vollstandiger_name"],
  // Canvas: "Lovelace, Ada" (its gradebook's "Student" column has this form too)
  sortable_name: ["sortable_name", "student"],
  given_name: ["first_name", "firstname", "given_name", "givenname", "given_names", "forename", "forenames", "first", "vorname", "vornamen", "rufname", "prenom", "prenoms", "nombre", "nombres"],
  family_name: ["last_name", "lastname", "surname", "family_name", "familyname", "last", "nachname", "familienname", "zuname", "nom", "nom_de_famille", "nom_de_naissance", "apellido", "apellidos"],
  student_number: [
    "student_number", "studentnumber", "student_no", "student_nr", "student_id", "studentid", "id_number", "idnumber", "sis_user_id", "sis_id",
    "matrikelnummer", "matrikel_nr", "matrikel", "matr_nr", "matrnr", "numero_etudiant", "numero_d_etudiant", "no_etudiant", "n_etudiant", "num_etudiant",
    "matricula", "numero_de_matricula", "numero_de_estudiante", "numero_estudiante",
  ],
};
/** Generic names: a "name" column next to a surname column is the given name (and the other way round); "id" is a student number only when nothing more specific is there. */
const GENERIC: Record<string, Column> = { name: "full_name", id: "student_number" };
const HEADER_ALIASES = new Map<string, Column>(Object.entries(ALIASES).flatMap(([column, names]) => names.map((n) => [n, column as Column] as const)));

/** "E-Mail-Adresse" → "e_mail_adresse", "Prénom" → "prenom", "Numéro d'étudiant" → "numero_d_etudiant". */
export const normalizeHeader = (h: string) =>
  h.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/g, "ss").replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");

/** In plain words, for messages: what a person calls each column. */
const COLUMN_WORDS: Record<Column, string> = {
  email: "the email address",
  full_name: "the name",
  given_name: "the first name",
  family_name: "the last name",
  sortable_name: "the sortable name",
  student_number: "the student number",
};
const ACCEPTED =
  'Rollcall reads an email column (for example "Email", "E-Mail" or "Email address") and either a name column ("Name", "Full name") or ' +
  'first and last names in two columns ("First name" and "Last name", "Vorname" and "Nachname", "Prénom" and "Nom"), plus an optional student number ' +
  '("ID number", "Student ID", "Matrikelnummer").';

const csvError = (message: string, details?: unknown) => new AppError("roster_csv_invalid", message, details);

/** The separator the header line uses most: `,`, `;` (European spreadsheet exports) or a tab (Excel's "Unicode text"). */
function detectDelimiter(text: string): RosterDelimiter {
  const header = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/).find((l) => l.trim() !== "") ?? "";
  const count = (c: string) => header.split(c).length - 1;
  const [best] = ([",", ";", "\t"] as const).map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ",";
}

/** Which header cell feeds each field, with the generic "name" resolved against split name columns. */
function mapHeader(header: string[]): Map<Column, number> {
  const found = new Map<Column, { index: number; generic: boolean }>();
  const generic: { index: number; name: string }[] = [];
  header.forEach((cell, index) => {
    const key = normalizeHeader(cell);
    const column = HEADER_ALIASES.get(key);
    if (!column) {
      if (GENERIC[key]) generic.push({ index, name: key });
      return;
    }
    const seen = found.get(column);
    if (seen) throw csvError(`The first line names ${COLUMN_WORDS[column]} twice ("${header[seen.index]}" and "${cell}"). Delete one of the two columns and import again.`, { header, twice: column });
    found.set(column, { index, generic: false });
  });
  for (const g of generic) {
    let column = GENERIC[g.name]!;
    if (column === "full_name" && !found.has("full_name")) {
      // "Name;Vorname" is a surname next to a first name; "Name,Surname" a first name next to a surname
      if (found.has("given_name") && !found.has("family_name")) column = "family_name";
      else if (found.has("family_name") && !found.has("given_name")) column = "given_name";
    }
    if (!found.has(column)) found.set(column, { index: g.index, generic: true });
  }
  return new Map([...found].map(([c, v]) => [c, v.index]));
}

const hasControl = (s: string) => /\p{Cc}/u.test(s);
const newlines = (s: string) => s.split("\n").length - 1;

/** csv-parse's error for a record → a reason a person can act on. */
function unreadableRow(error: CsvError | undefined): string {
  switch (error?.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return 'unreadable row: a cell opens a quote (") that is never closed';
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return 'unreadable row: text follows a closing quote (") inside a cell';
    default:
      return "unreadable row: check its quotes and separators";
  }
}

/** A person's name parts from the row's name columns, or why they cannot be stored. */
function nameOf(cell: (c: Column) => string, columns: Map<Column, number>): { full: string; given: string | null; family: string | null } | { problem: string } {
  let given = columns.has("given_name") ? cleanName(cell("given_name")) : null;
  let family = columns.has("family_name") ? cleanName(cell("family_name")) : null;
  let full = columns.has("full_name") ? cleanName(cell("full_name")) : "";
  if (columns.has("sortable_name") && given === null && family === null) {
    // Canvas: "Lovelace, Ada"
    const sortable = cleanName(cell("sortable_name"));
    const comma = sortable.indexOf(",");
    if (comma > 0) [family, given] = [sortable.slice(0, comma).trim(), sortable.slice(comma + 1).trim()];
    else if (!full) full = sortable;
  }
  if (!full) full = [given, family].filter(Boolean).join(" ");
  const problem = nameProblem(full);
  if (problem) return { problem: full === "" ? "missing name" : `name ${problem}` };
  for (const [part, words] of [[given, "first name"], [family, "last name"]] as const) {
    const partProblem = part ? nameProblem(part) : null;
    if (partProblem && part) return { problem: `${words} ${partProblem}` };
  }
  return { full, given: given || null, family: family || null };
}

export function parseRosterCsv(text: string): ParsedRoster {
  if (text.replace(/^\uFEFF/, "").trim() === "") throw csvError(`The file is empty. ${ACCEPTED}`);
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
      invalid.push({ line: Math.max(1, end - newlines(raw ?? "")), reason: unreadableRow(error), email: null });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];

  const [header, ...data] = records;
  if (!header) throw csvError(`The file has no header line. ${ACCEPTED}`);
  const columns = mapHeader(header.record);
  const missing = [
    ...(columns.has("email") ? [] : (["email"] as const)),
    ...(["full_name", "given_name", "family_name", "sortable_name"] as const).some((c) => columns.has(c)) ? [] : (["name"] as const),
  ];
  if (missing.length) {
    const what = missing.map((m) => (m === "email" ? "the email address" : "the name")).join(" or ");
    const firstLine = header.record.join(delimiter === "\t" ? " | " : delimiter).slice(0, 200);
    throw csvError(`The first line of the file does not name a column for ${what}. It reads: "${firstLine}". ${ACCEPTED}`, { missing, header: header.record });
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
    const name = nameOf(cell, columns);
    if ("problem" in name) {
      reject(name.problem);
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
    rows.push({ line, email, full_name: name.full, given_name: name.given, family_name: name.family, student_number: studentNumber || null });
  }
  invalid.sort((a, b) => a.line - b.line);
  const named: RosterColumns = Object.fromEntries([...columns].sort((a, b) => a[1] - b[1]).map(([c, i]) => [c, header.record[i]!.trim()]));
  return { delimiter, columns: named, rows, invalid };
}

/** The uploaded bytes → the parsed roster and the encoding they were read in (lib/text/decode-text-file.ts). */
export function readRosterFile(bytes: Uint8Array): ParsedRoster & { encoding: TextEncoding } {
  const { text, encoding } = decodeTextFile(bytes);
  return { ...parseRosterCsv(text), encoding };
}

// CSV export of a roster. Cells that a spreadsheet would run as a formula (= + - @, tab, CR)
// are prefixed with a quote (OWASP's CSV-injection advice) — also when invisible characters or
// spaces come first (a zero-width space, a bidi control: a spreadsheet may drop them and then see
// the formula); every cell is quoted.
import { INVISIBLE_CLASS } from "../text/clean-name";

const FORMULA_START = new RegExp(`^[\\t\\r]|^[${INVISIBLE_CLASS}\\s]*[=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20]`, "u");

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function rosterCsv(roster: { attendance: { full_name: string; email: string; status: string; method: string; marked_at: string; device_flag: boolean; user_id: string; reason: string | null }[] }): string {
  return toCsv(
    ["full_name", "email", "status", "method", "marked_at", "device_flag", "reason", "user_id"],
    roster.attendance.map((r) => [r.full_name, r.email, r.status, r.method, r.marked_at, r.device_flag, r.reason ?? "", r.user_id]),
  );
}

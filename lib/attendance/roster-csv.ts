// CSV cells that are safe to open in a spreadsheet (every export uses csvCell). Cells that a spreadsheet would run as a formula (= + - @, tab, CR)
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

// CSV files people open in Excel (docs/courses.md#reports): UTF-8 with a byte-order mark (without
// it Excel reads "Chloé" as "ChloÃ©"), CRLF line ends, every cell quoted and neutralised against
// formulas (csvCell), and the separator Excel expects in the college's language: ";" where
// numbers are written with a decimal comma (de, fr, es …), else ",". Numbers follow that language.
import { csvCell } from "../attendance/roster-csv";
import type { CsvSeparator } from "./report-schemas";

export const UTF8_BOM = "\uFEFF";

export function csvSeparatorFor(locale: string): CsvSeparator {
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value;
  return decimal === "," ? ";" : ",";
}

/** A number as the college's language writes it, without grouping: 66.7 or 66,7. */
export const localNumber = (locale: string, n: number, fractionDigits = 1) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits, useGrouping: false }).format(n);

export function csvFile(header: readonly unknown[], rows: readonly (readonly unknown[])[], separator: CsvSeparator): string {
  return UTF8_BOM + [header, ...rows].map((row) => row.map(csvCell).join(separator)).join("\r\n") + "\r\n";
}

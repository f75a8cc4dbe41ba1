// The term report's downloads: the Excel workbook, and the CSV with the separator the college's
// spreadsheets expect (the other one a click away). Plain links: the browser downloads the file
// with the session cookie, no script needed. Server component.
import type { CsvSeparator } from "@/lib/courses/report-schemas";

const WORDS: Record<CsvSeparator, string> = { ";": "semicolons", ",": "commas" };

export function ReportDownloads({ courseId, defaultSeparator }: { courseId: string; defaultSeparator: CsvSeparator }) {
  const other: CsvSeparator = defaultSeparator === ";" ? "," : ";";
  const link = "font-medium text-brand-700 underline";
  return (
    <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="report-downloads">
      <a href={`/api/courses/${courseId}/report.xlsx`} download className={link} data-testid="report-xlsx">Download for Excel (.xlsx)</a>
      <a href={`/api/courses/${courseId}/report.csv`} download className={link} data-testid="report-csv">CSV</a>
      <a href={`/api/courses/${courseId}/report.csv?separator=${encodeURIComponent(other)}`} download className={link} data-testid="report-csv-other">CSV with {WORDS[other]}</a>
    </p>
  );
}

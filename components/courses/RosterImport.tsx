"use client";
// Roster CSV import: pick (or paste) a file, preview what it would do — the encoding and columns
// it was read with, rows to add, already enrolled, updated, drops in replace mode, every invalid
// row with its line and reason — and only then confirm. The preview is the API's dry run; the
// confirm sends the very same bytes and mode, applied by the server in one transaction
// (docs/courses.md#roster-import-csv). A picked file goes as bytes: the server detects whether
// it is UTF-8, UTF-16 or Windows-1252, since Excel's plain "CSV" is not UTF-8.
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { callApi, type ApiOut } from "@/lib/client/call-api";

type ImportResult = ApiOut<"POST /api/courses/{id}/enrollments/import">;
type Mode = "merge" | "replace";

const MAX_LISTED = 200;

function People({ title, rows, testId, note }: { title: string; rows: { line?: number; email: string; full_name: string; student_number: string | null }[]; testId: string; note?: (i: number) => string | null }) {
  if (rows.length === 0) return null;
  return (
    <details className="rounded-lg border border-slate-200 bg-white" data-testid={testId} open={rows.length <= 10}>
      <summary className="cursor-pointer px-3 py-2 font-medium">{title} ({rows.length})</summary>
      <ul className="divide-y divide-slate-100 border-t border-slate-100 text-sm">
        {rows.slice(0, MAX_LISTED).map((r, i) => (
          <li key={`${r.email}-${i}`} className="flex flex-wrap gap-x-2 px-3 py-1.5">
            {r.line !== undefined && <span className="text-slate-600">line {r.line}</span>}
            <span className="font-medium">{r.full_name}</span>
            <span className="break-all text-slate-700">{r.email}</span>
            {r.student_number && <span className="text-slate-600">#{r.student_number}</span>}
            {note?.(i) && <span className="text-slate-600">{note(i)}</span>}
          </li>
        ))}
        {rows.length > MAX_LISTED && <li className="px-3 py-1.5 text-slate-600">… and {rows.length - MAX_LISTED} more</li>}
      </ul>
    </details>
  );
}

const SEPARATOR: Record<ImportResult["delimiter"], string> = { ",": "commas", ";": "semicolons", "\t": "tabs" };
const COLUMN: Record<keyof ImportResult["columns"], string> = {
  email: "email",
  full_name: "name",
  given_name: "first name",
  family_name: "last name",
  sortable_name: "sortable name",
  student_number: "student number",
};

/** "Read as Windows-1252, separated by semicolons. Columns: “Nachname” → last name, …" */
function HowRead({ result }: { result: ImportResult }) {
  const columns = (Object.entries(result.columns) as [keyof ImportResult["columns"], string][]).map(([k, header]) => `“${header}” → ${COLUMN[k]}`);
  return (
    <p className="text-sm text-slate-700" data-testid="import-read-as">
      Read as <strong data-testid="import-encoding">{result.encoding}</strong>, separated by {SEPARATOR[result.delimiter]}. Columns: {columns.join(", ")}.
    </p>
  );
}

function Outcome({ result }: { result: ImportResult }) {
  const s = result.summary;
  const verb = result.dry_run ? "would be" : "were";
  return (
    <div className="space-y-3">
      <HowRead result={result} />
      <p className="font-medium" data-testid="import-summary">
        {s.rows} row{s.rows === 1 ? "" : "s"}: {s.added} {verb} added, {s.already_enrolled} already enrolled
        {s.updated > 0 && `, ${s.updated} ${verb} updated`}
        {result.mode === "replace" && `, ${s.dropped} ${verb} dropped`}, {s.invalid} invalid
        {s.approved_signups > 0 && `; ${s.approved_signups} waiting signup${s.approved_signups === 1 ? "" : "s"} ${verb} approved`}.
      </p>
      {result.invalid.length > 0 && (
        <div className="rounded-lg border border-rose-200 bg-rose-50 p-3" data-testid="import-invalid">
          <p className="font-medium text-rose-900">Invalid rows — skipped ({result.invalid.length})</p>
          <ul className="mt-1 space-y-0.5 text-sm text-rose-900">
            {result.invalid.slice(0, MAX_LISTED).map((r) => (
              <li key={r.line} data-testid="import-invalid-row" data-line={r.line}>Line {r.line}: {r.reason}</li>
            ))}
            {result.invalid.length > MAX_LISTED && <li>… and {result.invalid.length - MAX_LISTED} more</li>}
          </ul>
        </div>
      )}
      <People title={result.dry_run ? "To add" : "Added"} rows={result.added} testId="import-added" note={(i) => (result.added[i]!.reenrolled ? "(enrolled again)" : null)} />
      <People title="Already enrolled" rows={result.already_enrolled} testId="import-already" />
      <People title={result.dry_run ? "To update" : "Updated"} rows={result.updated} testId="import-updated" note={(i) => `(was ${result.updated[i]!.was.full_name})`} />
      <People title={result.dry_run ? "To drop (not in the file)" : "Dropped"} rows={result.dropped} testId="import-dropped" />
      <People title={result.dry_run ? "Waiting signups to approve as students" : "Waiting signups approved as students"} rows={result.approved_signups.map((a) => ({ ...a, student_number: null }))} testId="import-approved" />
    </div>
  );
}

export function RosterImport({ courseId }: { courseId: string }) {
  const router = useRouter();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>("merge");
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [applied, setApplied] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // A file picked before the page's script ran (a slow phone, a lecturer who is quick) fired its
  // change event before React listened: the input holds it, so take it from there once mounted.
  useEffect(() => {
    const early = fileInput.current?.files?.[0];
    if (early) setFile(early);
  }, []);

  const reset = () => {
    setPreview(null);
    setApplied(null);
    setError(null);
  };

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const picked = e.target.files?.[0] ?? null;
    reset();
    setFile(picked);
    if (picked) setText("");
  }

  async function send(dryRun: boolean) {
    setBusy(true);
    setError(null);
    const res = await callApi(
      "POST /api/courses/{id}/enrollments/import",
      { params: { id: courseId }, query: { dry_run: dryRun ? "true" : "false", mode }, text: { type: "text/csv", content: file ?? text } },
      { timeoutMs: 120_000 },
    );
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    if (dryRun) setPreview(res.data);
    else {
      setPreview(null);
      setApplied(res.data);
      setText("");
      setFile(null);
      if (fileInput.current) fileInput.current.value = "";
      router.refresh();
    }
  }

  const canPreview = (file !== null || text.trim() !== "") && !busy;
  return (
    <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-4" data-testid="roster-import">
      <p className="text-sm text-slate-700">
        A CSV file with a header line naming an <strong>email</strong> column and a <strong>name</strong> column, or <strong>first</strong> and{" "}
        <strong>last name</strong> columns (a student number is optional; any order). Moodle&apos;s and Canvas&apos;s exports work as they are, as do
        German, French and Spanish headers, files saved by Excel (any encoding it offers) and <code>;</code> separators. Nothing changes until you confirm the preview.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm font-medium">
          Roster file (CSV)
          <input ref={fileInput} type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void onFile(e)} data-testid="roster-file"
            className="mt-1 block w-full text-sm file:mr-3 file:min-h-11 file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:font-semibold" />
        </label>
        <fieldset className="text-sm">
          <legend className="font-medium">Mode</legend>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name={`${id}-mode`} value="merge" checked={mode === "merge"} onChange={() => { setMode("merge"); reset(); }} className="h-5 w-5" />
            Add and update (keep everyone else)
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name={`${id}-mode`} value="replace" checked={mode === "replace"} onChange={() => { setMode("replace"); reset(); }} className="h-5 w-5" />
            Replace: also drop students the file does not name
          </label>
        </fieldset>
      </div>
      <details>
        <summary className="cursor-pointer text-sm font-medium">Or paste the CSV text</summary>
        <label htmlFor={`${id}-text`} className="sr-only">Roster CSV text</label>
        <textarea id={`${id}-text`} value={text} onChange={(e) => { setText(e.target.value); setFile(null); if (fileInput.current) fileInput.current.value = ""; reset(); }} rows={6} spellCheck={false}
            className="mt-2 w-full rounded-lg border border-slate-300 px-3 py-2 font-mono text-sm" placeholder={"email,name,student_number\nada@college.edu,Ada Lovelace,S1"} />
      </details>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" disabled={!canPreview} onClick={() => void send(true)} data-testid="import-preview"
          className="min-h-11 rounded-lg border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700 disabled:opacity-50">
          {busy && !preview ? "Checking…" : "Preview import"}
        </button>
        {file && <span className="break-all text-sm text-slate-600">{file.name}</span>}
      </div>
      <div aria-live="polite" className="space-y-3">
        {error && <p className="text-sm text-rose-700" data-testid="import-error">{error}</p>}
        {preview && (
          <section aria-label="Import preview" className="space-y-3" data-testid="import-preview-result">
            <h3 className="font-semibold">Preview — nothing has been changed yet</h3>
            <Outcome result={preview} />
            <div className="flex flex-wrap gap-2">
              <button type="button" disabled={busy} onClick={() => void send(false)} data-testid="import-confirm"
                className="min-h-11 rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60">
                {busy ? "Importing…" : mode === "replace" && preview.summary.dropped > 0 ? `Confirm: import and drop ${preview.summary.dropped}` : "Confirm import"}
              </button>
              <button type="button" disabled={busy} onClick={reset} className="min-h-11 rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold">Cancel</button>
            </div>
          </section>
        )}
        {applied && (
          <section aria-label="Import done" className="space-y-3 rounded-lg border border-emerald-200 bg-emerald-50 p-3" data-testid="import-applied">
            <h3 className="font-semibold text-emerald-900">Imported</h3>
            <Outcome result={applied} />
          </section>
        )}
      </div>
    </div>
  );
}

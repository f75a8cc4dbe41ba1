"use client";
// Create (no initial) or edit a course through the JSON API: code, title, term, threshold and
// instructors. Refusals appear in plain words next to the field they concern, and focus moves
// to the first one (the same pattern as the event form).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, type ClientError } from "@/lib/client/call-api";

export interface CourseFormValues {
  id: string;
  code: string;
  title: string;
  term_label: string;
  threshold_percent: number;
  instructor_ids: string[];
}

export interface AdminChoice {
  id: string;
  full_name: string;
  email: string;
}

const input = "mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-500";
const FIELDS = ["code", "title", "term_label", "threshold_percent", "instructor_ids"] as const;

/** Course words where the shared field words speak of events. */
const COURSE_WORDS: Record<string, string> = {
  code: "Enter a course code of letters and digits, like CS101 (up to 32 characters).",
  title: "Give the course a title (up to 200 characters).",
};

function errorsByField(error: ClientError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, words] of Object.entries(error.fields)) {
    if ((FIELDS as readonly string[]).includes(field)) out[field] = COURSE_WORDS[field] ?? words;
  }
  return out;
}

/**
 * `admins`: the staff accounts offered as instructors when creating; editing leaves the
 * instructors to the course's staff panel (components/courses/StaffPanel.tsx).
 */
export function CourseForm({ initial, admins, meId }: { initial?: CourseFormValues; admins: AdminChoice[]; meId: string }) {
  const withInstructors = !initial;
  const router = useRouter();
  const hydrated = useHydrated();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const formId = initial ? `course-${initial.id}` : "course-new";

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    const body = {
      code: text("code"),
      title: text("title"),
      term_label: text("term_label"),
      threshold_percent: Number(text("threshold_percent") || "NaN"),
      ...(withInstructors ? { instructor_ids: f.getAll("instructor_ids").map(String) } : {}),
    };
    if (body.instructor_ids?.length === 0) {
      setErrors({ instructor_ids: "Choose at least one instructor." });
      setFormError(null);
      (form.querySelector('[name="instructor_ids"]') as HTMLElement | null)?.focus();
      return;
    }
    setBusy(true);
    setSaved(false);
    const res = initial
      ? await callApi("PATCH /api/courses/{id}", { params: { id: initial.id }, body })
      : await callApi("POST /api/courses", { body });
    setBusy(false);
    if (!res.ok) {
      const byField = errorsByField(res.error);
      if (res.error.code === "course_exists") byField.code = res.error.message;
      setErrors(byField);
      setFormError(Object.keys(byField).length ? null : res.error.message);
      const first = FIELDS.find((name) => byField[name]);
      if (first) (form.querySelector(`[name="${first}"]`) as HTMLElement | null)?.focus();
      return;
    }
    setErrors({});
    setFormError(null);
    if (initial) {
      setSaved(true);
      router.refresh();
    } else router.push(`/admin/courses/${res.data.id}`);
  }

  const err = (name: string) => ({ "aria-invalid": Boolean(errors[name]), "aria-describedby": errors[name] ? `${formId}-${name}-error` : undefined });
  const note = (name: string) =>
    errors[name] ? <span id={`${formId}-${name}-error`} data-testid={`field-error-${name}`} className="mt-1 block text-sm text-rose-700">{errors[name]}</span> : null;
  const teaching = new Set(initial?.instructor_ids ?? [meId]);

  return (
    <form onSubmit={onSubmit} noValidate data-testid="course-form" data-hydrated={hydrated} className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 sm:grid-cols-2">
      <label>
        <span className="text-sm font-medium">Code</span>
        <input name="code" required maxLength={32} placeholder="CS101" defaultValue={initial?.code} className={input} {...err("code")} />
        {note("code")}
      </label>
      <label>
        <span className="text-sm font-medium">Term</span>
        <input name="term_label" maxLength={64} placeholder="2026 Autumn" defaultValue={initial?.term_label} className={input} {...err("term_label")} />
        {note("term_label")}
      </label>
      <label className="sm:col-span-2">
        <span className="text-sm font-medium">Title</span>
        <input name="title" required maxLength={200} defaultValue={initial?.title} className={input} {...err("title")} />
        {note("title")}
      </label>
      <label>
        <span className="text-sm font-medium">Attendance threshold (%)</span>
        <input name="threshold_percent" type="number" inputMode="numeric" min={0} max={100} required defaultValue={initial?.threshold_percent ?? 80} className={input} {...err("threshold_percent")} />
        {note("threshold_percent")}
      </label>
      {withInstructors && (
      <fieldset className="sm:col-span-2" {...err("instructor_ids")}>
        <legend className="text-sm font-medium">Instructors</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {admins.map((a) => (
            <label key={a.id} className="flex min-h-11 items-center gap-2 text-sm">
              <input type="checkbox" name="instructor_ids" value={a.id} defaultChecked={teaching.has(a.id)} className="h-5 w-5" />
              <span>{a.full_name}{a.id === meId && " (you)"} <span className="text-slate-600">{a.email}</span></span>
            </label>
          ))}
        </div>
        {note("instructor_ids")}
      </fieldset>
      )}
      <div aria-live="polite" className="sm:col-span-2">
        {formError && <p data-testid="form-error" className="text-sm text-rose-700">{formError}</p>}
        {saved && <p className="text-sm text-emerald-700" data-testid="course-saved">Saved.</p>}
      </div>
      <div className="sm:col-span-2">
        <button type="submit" disabled={busy} className="min-h-11 rounded-lg bg-brand-700 px-5 py-2 font-semibold text-white disabled:opacity-60">
          {initial ? "Save changes" : "Create course"}
        </button>
      </div>
    </form>
  );
}

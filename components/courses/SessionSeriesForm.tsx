"use client";
// Generate a course's sessions from a weekly schedule (POST /api/courses/{id}/sessions): weekdays,
// start time, duration, first and last date, dates to skip. Dates and times are the college's
// (COLLEGE_TIMEZONE), so a 09:00 class stays at 09:00 across a daylight-saving change. When some
// dates already have sessions the server refuses with those dates, and the form offers to skip
// them; after success the form is cleared, so pressing the button again cannot repeat the series
// (the server refuses a repeat anyway).
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi } from "@/lib/client/call-api";

const DAYS = [["mon", "Mon"], ["tue", "Tue"], ["wed", "Wed"], ["thu", "Thu"], ["fri", "Fri"], ["sat", "Sat"], ["sun", "Sun"]] as const;
type Weekday = (typeof DAYS)[number][0];
const input = "mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-500";

/** "2026-10-26, 2026-11-02" or one per line → the dates, in order, without repeats. */
export function parseSkipDates(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((d) => d.trim()).filter(Boolean))].sort();
}

export function SessionSeriesForm({ courseId, timeZone, defaultTitle }: { courseId: string; timeZone: string; defaultTitle: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const id = useId();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** the dates that already have sessions, after a refusal: the next submit may skip them */
  const [overlap, setOverlap] = useState<string[] | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    await submit(e.currentTarget, "refuse");
  }

  async function submit(form: HTMLFormElement, existing: "refuse" | "skip") {
    const f = new FormData(form);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    const weekdays = f.getAll("weekdays").map(String) as Weekday[];
    if (weekdays.length === 0) {
      setFields({ weekdays: "Choose at least one weekday." });
      return;
    }
    const body = {
      weekdays,
      start_time: text("start_time"),
      duration_minutes: Number(text("duration_minutes") || "NaN"),
      first_date: text("first_date"),
      last_date: text("last_date"),
      skip_dates: parseSkipDates(text("skip_dates")),
      location: text("location"),
      late_after_minutes: Number(text("late_after_minutes") || "NaN"),
      ...(text("title") ? { title: text("title") } : {}),
      existing,
    };
    setBusy(true);
    setDone(null);
    const res = await callApi("POST /api/courses/{id}/sessions", { params: { id: courseId }, body });
    setBusy(false);
    if (!res.ok) {
      const byField = Object.fromEntries(Object.entries(res.error.fields).map(([k, v]) => [k.split(".")[0]!, v]));
      setFields(byField);
      setError(Object.keys(byField).length ? null : res.error.message);
      const dates = res.error.code === "sessions_overlap" ? (res.error.details as { dates?: string[] } | undefined)?.dates : undefined;
      setOverlap(dates ?? null);
      return;
    }
    setFields({});
    setError(null);
    setOverlap(null);
    const skipped = res.data.skipped_dates.length ? `, skipping ${res.data.skipped_dates.join(", ")}` : "";
    const existed = res.data.skipped_existing.length ? `; ${res.data.skipped_existing.length} date${res.data.skipped_existing.length === 1 ? "" : "s"} already had a session and ${res.data.skipped_existing.length === 1 ? "was" : "were"} left out` : "";
    setDone(`${res.data.created} session${res.data.created === 1 ? "" : "s"} created (times in ${res.data.time_zone}${skipped})${existed}.`);
    form.reset();
    router.refresh();
  }

  const note = (name: string) => fields[name] && <span id={`${id}-${name}-error`} className="mt-1 block text-sm text-rose-700">{fields[name]}</span>;
  const aria = (name: string) => ({ "aria-invalid": Boolean(fields[name]), "aria-describedby": fields[name] ? `${id}-${name}-error` : undefined });
  return (
    <form ref={formRef} onSubmit={(e) => void onSubmit(e)} onChange={() => setOverlap(null)} noValidate data-testid="session-series-form" data-hydrated={hydrated} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <p className="text-sm text-slate-700">Dates and times are in the college&apos;s time zone, <strong>{timeZone}</strong>. Each session can be edited on its own afterwards.</p>
      <fieldset {...aria("weekdays")}>
        <legend className="text-sm font-medium">Weekdays</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {DAYS.map(([value, label]) => (
            <label key={value} className="flex min-h-11 items-center gap-1.5 text-sm"><input type="checkbox" name="weekdays" value={value} className="h-4 w-4" />{label}</label>
          ))}
        </div>
        {note("weekdays")}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-4">
        <label className="text-sm font-medium">Starts at<input name="start_time" type="time" required defaultValue="09:00" className={input} {...aria("start_time")} />{note("start_time")}</label>
        <label className="text-sm font-medium">Minutes long<input name="duration_minutes" type="number" min={5} max={1440} required defaultValue={90} className={input} {...aria("duration_minutes")} />{note("duration_minutes")}</label>
        <label className="text-sm font-medium">First date<input name="first_date" type="date" required className={input} {...aria("first_date")} />{note("first_date")}</label>
        <label className="text-sm font-medium">Last date<input name="last_date" type="date" required className={input} {...aria("last_date")} />{note("last_date")}</label>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="text-sm font-medium">Location<input name="location" maxLength={200} className={input} {...aria("location")} />{note("location")}</label>
        <label className="text-sm font-medium">Late after (minutes)<input name="late_after_minutes" type="number" min={0} max={1440} defaultValue={10} className={input} {...aria("late_after_minutes")} />{note("late_after_minutes")}</label>
        <label className="text-sm font-medium">Title (optional; each session adds its date)<input name="title" maxLength={180} placeholder={defaultTitle} className={input} {...aria("title")} />{note("title")}</label>
      </div>
      <label className="block text-sm font-medium">Dates to skip (optional; holidays, one per line or separated by commas, YYYY-MM-DD)
        <textarea name="skip_dates" rows={2} className={input} {...aria("skip_dates")} />{note("skip_dates")}
      </label>
      <button type="submit" disabled={busy} className="min-h-11 rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60">Create sessions</button>
      <p role="status" aria-live="polite" className="text-sm font-medium text-brand-900" data-testid="session-series-result">{done}</p>
      {error && <p role="alert" className="text-sm text-rose-700" data-testid="session-series-error">{error}</p>}
      {overlap && (
        <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="session-series-overlap">
          <p className="font-medium text-amber-950">Already scheduled ({timeZone}):</p>
          <ul className="list-inside list-disc text-amber-950">
            {overlap.map((d) => <li key={d}>{d}</li>)}
          </ul>
          <button type="button" disabled={busy} onClick={() => formRef.current && void submit(formRef.current, "skip")} data-testid="session-series-skip"
            className="min-h-11 rounded-lg border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700 disabled:opacity-60">
            Skip the existing ones and create the rest
          </button>
        </div>
      )}
    </form>
  );
}

"use client";
// Create (no id) or edit an event through the JSON API. Refusals appear in plain words next to
// the field they concern (lib/client/error-words.ts), and focus moves to the first one.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, type ClientError } from "@/lib/client/call-api";
import type { EventOut } from "@/lib/events/schemas";

export type EventFormValues = Pick<EventOut, "id" | "title" | "description" | "location" | "starts_at" | "ends_at" | "late_after_minutes" | "allowed_cidrs" | "geofence" | "block_shared_devices">;

/** ISO → the value of a datetime-local input in this browser's time zone. */
function toLocalInput(iso: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const input = "mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-500";

/** Which input shows an error for each API field (geofence errors sit by the coordinates). */
const INPUT_OF: Record<string, string> = {
  title: "title",
  starts_at: "starts_at",
  ends_at: "ends_at",
  location: "location",
  late_after_minutes: "late_after_minutes",
  description: "description",
  allowed_cidrs: "allowed_cidrs",
  geofence: "geofence_lat",
  "geofence.lat": "geofence_lat",
  "geofence.lng": "geofence_lng",
  "geofence.radius_m": "geofence_radius_m",
  block_shared_devices: "block_shared_devices",
};

function errorsByInput(error: ClientError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, words] of Object.entries(error.fields)) {
    const name = INPUT_OF[field];
    if (name && !out[name]) out[name] = words;
  }
  return out;
}

export function EventForm({ initial }: { initial?: EventFormValues }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const formId = initial?.id ? `event-${initial.id}` : "event-new";

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const text = (k: string) => String(f.get(k) ?? "");
    const when = (k: string) => (text(k) ? new Date(text(k)).toISOString() : "");
    const lat = text("geofence_lat");
    const body = {
      title: text("title"),
      description: text("description"),
      location: text("location"),
      starts_at: when("starts_at"),
      ends_at: when("ends_at"),
      late_after_minutes: Number(text("late_after_minutes") || 0),
      allowed_cidrs: text("allowed_cidrs").split(/[\s,]+/).filter(Boolean),
      geofence: lat ? { lat: Number(lat), lng: Number(text("geofence_lng")), radius_m: Number(text("geofence_radius_m")) } : null,
      block_shared_devices: f.get("block_shared_devices") === "on",
    };
    setBusy(true);
    setSaved(false);
    const res = initial?.id
      ? await callApi("PATCH /api/events/{id}", { params: { id: initial.id }, body })
      : await callApi("POST /api/events", { body });
    setBusy(false);
    if (!res.ok) {
      const byInput = errorsByInput(res.error);
      setErrors(byInput);
      setFormError(Object.keys(byInput).length ? null : res.error.message);
      const first = Object.keys(INPUT_OF).map((k) => INPUT_OF[k]!).find((name) => byInput[name]);
      if (first) (form.elements.namedItem(first) as HTMLElement | null)?.focus();
      return;
    }
    setErrors({});
    setFormError(null);
    if (initial?.id) {
      setSaved(true);
      router.refresh();
    } else router.push(`/admin/events/${res.data.id}`);
  }

  /** aria wiring and the words under an input */
  const err = (name: string) => ({ "aria-invalid": Boolean(errors[name]), "aria-describedby": errors[name] ? `${formId}-${name}-error` : undefined });
  const note = (name: string) =>
    errors[name] ? <span id={`${formId}-${name}-error`} data-testid={`field-error-${name}`} className="mt-1 block text-sm text-rose-700">{errors[name]}</span> : null;

  const v = initial;
  return (
    <form onSubmit={onSubmit} noValidate data-testid="event-form" data-hydrated={hydrated} className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 sm:grid-cols-2">
      <label className="sm:col-span-2">
        <span className="text-sm font-medium">Title</span>
        <input name="title" required maxLength={200} defaultValue={v?.title} className={input} {...err("title")} />
        {note("title")}
      </label>
      <label>
        <span className="text-sm font-medium">Starts</span>
        <input name="starts_at" type="datetime-local" required defaultValue={toLocalInput(v?.starts_at ?? "")} className={input} {...err("starts_at")} />
        {note("starts_at")}
      </label>
      <label>
        <span className="text-sm font-medium">Ends</span>
        <input name="ends_at" type="datetime-local" required defaultValue={toLocalInput(v?.ends_at ?? "")} className={input} {...err("ends_at")} />
        {note("ends_at")}
      </label>
      <label>
        <span className="text-sm font-medium">Location</span>
        <input name="location" maxLength={200} defaultValue={v?.location} className={input} {...err("location")} />
        {note("location")}
      </label>
      <label>
        <span className="text-sm font-medium">Late after (minutes from start)</span>
        <input name="late_after_minutes" type="number" min={0} max={1440} defaultValue={v?.late_after_minutes ?? 10} className={input} {...err("late_after_minutes")} />
        {note("late_after_minutes")}
      </label>
      <label className="sm:col-span-2">
        <span className="text-sm font-medium">Description</span>
        <textarea name="description" rows={2} maxLength={5000} defaultValue={v?.description} className={input} {...err("description")} />
        {note("description")}
      </label>
      <details className="sm:col-span-2" open={Boolean(v && (v.allowed_cidrs.length || v.geofence || v.block_shared_devices)) || Object.keys(errors).some((k) => k.startsWith("geofence") || k === "allowed_cidrs")}>
        <summary className="cursor-pointer text-sm font-medium">Anti-cheat options</summary>
        <div className="mt-3 grid gap-4 sm:grid-cols-3">
          <label className="sm:col-span-3">
            <span className="text-sm">Allowed networks (CIDR ranges, comma-separated; empty = any)</span>
            <input name="allowed_cidrs" placeholder="10.0.0.0/8, 192.0.2.0/24" defaultValue={v?.allowed_cidrs.join(", ")} className={input} {...err("allowed_cidrs")} />
            {note("allowed_cidrs")}
          </label>
          <label>
            <span className="text-sm">Geofence latitude</span>
            <input name="geofence_lat" type="number" step="any" min={-90} max={90} defaultValue={v?.geofence?.lat} className={input} {...err("geofence_lat")} />
            {note("geofence_lat")}
          </label>
          <label>
            <span className="text-sm">Longitude</span>
            <input name="geofence_lng" type="number" step="any" min={-180} max={180} defaultValue={v?.geofence?.lng} className={input} {...err("geofence_lng")} />
            {note("geofence_lng")}
          </label>
          <label>
            <span className="text-sm">Radius (m)</span>
            <input name="geofence_radius_m" type="number" min={10} max={100000} defaultValue={v?.geofence?.radius_m} className={input} {...err("geofence_radius_m")} />
            {note("geofence_radius_m")}
          </label>
          <label className="flex items-center gap-2 sm:col-span-3">
            <input name="block_shared_devices" type="checkbox" defaultChecked={v?.block_shared_devices} />
            <span className="text-sm">Refuse a phone that already marked another student in this event</span>
          </label>
        </div>
      </details>
      <div aria-live="polite" className="sm:col-span-2">
        {formError && <p data-testid="form-error" className="text-sm text-rose-700">{formError}</p>}
        {saved && <p className="text-sm text-emerald-700">Saved.</p>}
      </div>
      <div className="sm:col-span-2">
        <button type="submit" disabled={busy} className="rounded-lg bg-brand-700 px-5 py-2 font-semibold text-white disabled:opacity-60">
          {v?.id ? "Save changes" : "Create event"}
        </button>
      </div>
    </form>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiCall } from "./api";
import { useHydrated } from "../../use-hydrated";

export interface EventFormValues {
  id?: string;
  title: string;
  description: string;
  location: string;
  starts_at: string;
  ends_at: string;
  late_after_minutes: number;
  allowed_cidrs: string[];
  geofence: { lat: number; lng: number; radius_m: number } | null;
  block_shared_devices: boolean;
}

/** ISO → the value of a datetime-local input in this browser's time zone. */
function toLocalInput(iso: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const input = "mt-1 w-full rounded-lg border border-slate-300 px-3 py-2";

/** Create (no id) or edit an event through the JSON API. */
export function EventForm({ initial }: { initial?: EventFormValues }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? "");
    const lat = text("geofence_lat");
    const body = {
      title: text("title"),
      description: text("description"),
      location: text("location"),
      starts_at: text("starts_at") ? new Date(text("starts_at")).toISOString() : "",
      ends_at: text("ends_at") ? new Date(text("ends_at")).toISOString() : "",
      late_after_minutes: Number(text("late_after_minutes") || 0),
      allowed_cidrs: text("allowed_cidrs").split(/[\s,]+/).filter(Boolean),
      geofence: lat ? { lat: Number(lat), lng: Number(text("geofence_lng")), radius_m: Number(text("geofence_radius_m")) } : null,
      block_shared_devices: f.get("block_shared_devices") === "on",
    };
    setBusy(true);
    setSaved(false);
    const res = initial?.id ? await apiCall(`/api/events/${initial.id}`, "PATCH", body) : await apiCall("/api/events", "POST", body);
    setBusy(false);
    if (!res.ok) return setError(res.error ?? "Could not save.");
    setError(null);
    if (initial?.id) {
      setSaved(true);
      router.refresh();
    } else router.push(`/admin/events/${String(res.data.id)}`);
  }

  const v = initial;
  return (
    <form onSubmit={onSubmit} data-testid="event-form" data-hydrated={hydrated} className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 sm:grid-cols-2">
      <label className="sm:col-span-2">
        <span className="text-sm font-medium">Title</span>
        <input name="title" required maxLength={200} defaultValue={v?.title} className={input} />
      </label>
      <label>
        <span className="text-sm font-medium">Starts</span>
        <input name="starts_at" type="datetime-local" required defaultValue={toLocalInput(v?.starts_at ?? "")} className={input} />
      </label>
      <label>
        <span className="text-sm font-medium">Ends</span>
        <input name="ends_at" type="datetime-local" required defaultValue={toLocalInput(v?.ends_at ?? "")} className={input} />
      </label>
      <label>
        <span className="text-sm font-medium">Location</span>
        <input name="location" maxLength={200} defaultValue={v?.location} className={input} />
      </label>
      <label>
        <span className="text-sm font-medium">Late after (minutes from start)</span>
        <input name="late_after_minutes" type="number" min={0} max={1440} defaultValue={v?.late_after_minutes ?? 10} className={input} />
      </label>
      <label className="sm:col-span-2">
        <span className="text-sm font-medium">Description</span>
        <textarea name="description" rows={2} maxLength={5000} defaultValue={v?.description} className={input} />
      </label>
      <details className="sm:col-span-2" open={Boolean(v && (v.allowed_cidrs.length || v.geofence || v.block_shared_devices))}>
        <summary className="cursor-pointer text-sm font-medium">Anti-cheat options</summary>
        <div className="mt-3 grid gap-4 sm:grid-cols-3">
          <label className="sm:col-span-3">
            <span className="text-sm">Allowed networks (CIDR ranges, comma-separated; empty = any)</span>
            <input name="allowed_cidrs" placeholder="10.0.0.0/8, 192.0.2.0/24" defaultValue={v?.allowed_cidrs.join(", ")} className={input} />
          </label>
          <label>
            <span className="text-sm">Geofence latitude</span>
            <input name="geofence_lat" type="number" step="any" min={-90} max={90} defaultValue={v?.geofence?.lat} className={input} />
          </label>
          <label>
            <span className="text-sm">Longitude</span>
            <input name="geofence_lng" type="number" step="any" min={-180} max={180} defaultValue={v?.geofence?.lng} className={input} />
          </label>
          <label>
            <span className="text-sm">Radius (m)</span>
            <input name="geofence_radius_m" type="number" min={10} max={100000} defaultValue={v?.geofence?.radius_m} className={input} />
          </label>
          <label className="flex items-center gap-2 sm:col-span-3">
            <input name="block_shared_devices" type="checkbox" defaultChecked={v?.block_shared_devices} />
            <span className="text-sm">Refuse a phone that already marked another student in this event</span>
          </label>
        </div>
      </details>
      {error && <p data-testid="form-error" className="text-sm text-rose-700 sm:col-span-2">{error}</p>}
      {saved && <p className="text-sm text-emerald-700 sm:col-span-2">Saved.</p>}
      <div className="sm:col-span-2">
        <button type="submit" disabled={busy} className="rounded-lg bg-brand-700 px-5 py-2 font-semibold text-white disabled:opacity-60">
          {v?.id ? "Save changes" : "Create event"}
        </button>
      </div>
    </form>
  );
}

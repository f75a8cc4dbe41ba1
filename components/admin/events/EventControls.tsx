"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, type ApiResult } from "@/lib/client/call-api";

/** What the viewer's role allows (the server checks again on every call). */
export interface EventRights {
  run: boolean;
  edit: boolean;
  remove: boolean;
}

/** Start/stop check-in, archive, delete: the ones the viewer's role allows. */
export function EventControls({ id, open, archived, attendanceCount, can }: { id: string; open: boolean; archived: boolean; attendanceCount: number; can: EventRights }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const run = async (call: Promise<ApiResult<unknown>>, then?: () => void) => {
    const res = await call;
    if (!res.ok) return setError(res.error.message);
    setError(null);
    if (then) then();
    else router.refresh();
  };
  const params = { id };
  const remove = () => {
    const msg = attendanceCount > 0 ? `Delete this event and its ${attendanceCount} attendance records? Archive it instead to keep them.` : "Delete this event?";
    if (window.confirm(msg)) void run(callApi("DELETE /api/events/{id}", { params, query: { confirm: "true" } }), () => router.push("/admin/events"));
  };
  const btn = "rounded-lg px-4 py-2 font-semibold";
  return (
    <div className="flex flex-wrap items-center gap-2">
      {can.run && <a href={`/admin/events/${id}/present`} data-testid="open-projector" className={`${btn} bg-brand-700 text-white`}>Open projector</a>}
      {can.run &&
        (open ? (
          <button type="button" onClick={() => void run(callApi("POST /api/events/{id}/checkin/stop", { params }))} className={`${btn} bg-slate-800 text-white`}>Stop check-in</button>
        ) : (
          !archived && <button type="button" onClick={() => void run(callApi("POST /api/events/{id}/checkin/start", { params }))} className={`${btn} border border-slate-300 bg-white`}>Start check-in</button>
        ))}
      {can.edit && <button type="button" onClick={() => void run(callApi("PATCH /api/events/{id}", { params, body: { archived: !archived } }))} className={`${btn} border border-slate-300 bg-white`}>{archived ? "Restore" : "Archive"}</button>}
      {can.remove && <button type="button" onClick={remove} className={`${btn} border border-rose-300 text-rose-800`}>Delete</button>}
      {error && <p role="alert" className="w-full text-sm text-rose-700">{error}</p>}
    </div>
  );
}

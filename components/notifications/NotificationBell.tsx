"use client";
// The header's bell: unread count in the button's label, a popover list, mark read / mark all.
// Polls GET /api/notifications every few seconds with the session cookie (paused while the tab
// is hidden); the same JSON API integrators use.
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTimeZone } from "@/components/ui/time-zone";
import { callApi, type ApiOut } from "@/lib/client/call-api";
import { formatAgo, formatTime } from "@/lib/time/format";

const POLL_MS = 4000;

type ListResponse = ApiOut<"GET /api/notifications">;

export function NotificationBell() {
  const [data, setData] = useState<ListResponse | null>(null);
  const [open, setOpen] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const root = useRef<HTMLDivElement>(null);
  const timeZone = useTimeZone();

  const refresh = useCallback(async () => {
    // offline for a moment: the next poll retries; a 401 goes to the login page (callApi)
    const res = await callApi("GET /api/notifications", { query: { limit: 15 } });
    if (res.ok) {
      setData(res.data);
      setNow(Date.now());
    }
  }, []);

  useEffect(() => {
    const first = setTimeout(refresh, 0);
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, POLL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const markAllRead = async () => {
    if ((await callApi("POST /api/notifications/read-all")).ok) await refresh();
  };
  const markRead = async (id: string) => {
    if ((await callApi("POST /api/notifications/{id}/read", { params: { id } })).ok) await refresh();
  };

  const unread = data?.unread_count ?? 0;
  // before the first answer the count is unknown: say nothing rather than "none unread"
  const label = data === null ? "Notifications" : unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        data-testid="notification-bell"
        aria-label={label}
        aria-expanded={open}
        aria-controls="notification-panel"
        onClick={() => setOpen((o) => !o)}
        className="relative grid h-10 w-10 place-items-center rounded-full text-slate-700 hover:bg-slate-100"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 && (
          <span data-testid="notification-count" className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-bold leading-5 text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      <p aria-live="polite" className="sr-only">
        {data ? label : ""}
      </p>
      {open && (
        <div
          id="notification-panel"
          role="region"
          aria-label="Notifications"
          data-testid="notification-panel"
          className="absolute right-0 z-30 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-xl border border-slate-200 bg-white shadow-lg max-sm:fixed max-sm:inset-x-2 max-sm:top-16 max-sm:mt-0 max-sm:w-auto max-sm:max-w-none"
        >
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2">
            <h2 className="text-sm font-semibold">Notifications</h2>
            <button type="button" disabled={unread === 0} onClick={() => void markAllRead()} className="text-sm font-medium text-brand-700 disabled:text-slate-400">
              Mark all read
            </button>
          </div>
          {/* on a phone the panel spans the screen under the header, never off its edge */}
          <ul className="max-h-96 overflow-y-auto max-sm:max-h-[calc(100dvh-8rem)]">
            {(data?.notifications ?? []).length === 0 && <li className="px-4 py-6 text-center text-sm text-slate-500">Nothing yet.</li>}
            {(data?.notifications ?? []).map((n) => (
              <li key={n.id} data-testid="notification-item" className={`border-b border-slate-100 px-4 py-3 last:border-0 ${n.read_at ? "" : "bg-brand-50"}`}>
                <p className="text-sm font-medium text-slate-900">
                  {n.link ? (
                    <Link href={n.link} onClick={() => setOpen(false)} className="hover:underline">
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                {n.body && <p className="mt-0.5 text-sm text-slate-600">{n.body}</p>}
                <div className="mt-1 flex items-center justify-between text-xs text-slate-500">
                  <time dateTime={n.created_at} title={formatTime(n.created_at, { timeZone, style: "datetime-seconds" })}>
                    {formatAgo(n.created_at, { timeZone, now })}
                  </time>
                  {!n.read_at && (
                    <button type="button" onClick={() => void markRead(n.id)} className="font-medium text-brand-700">
                      Mark read<span className="sr-only">: {n.title}</span>
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

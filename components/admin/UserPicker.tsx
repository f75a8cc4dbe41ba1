"use client";
// Pick a person by name or email instead of typing an internal user id (the audit log's filter):
// type two letters, choose from the matches (accents and case ignored, as every search), and the
// form submits the chosen account's id in a hidden field. Without JavaScript the page still works:
// the hidden field keeps what the URL said.
import { useEffect, useId, useState } from "react";
import { callApi, type ApiOut } from "@/lib/client/call-api";

type User = ApiOut<"GET /api/admin/users">["users"][number];

export function UserPicker({ name, label, initial }: { name: string; label: string; initial: { id: string; full_name: string; email: string } | null }) {
  const id = useId();
  const [chosen, setChosen] = useState(initial);
  const [q, setQ] = useState("");
  const [found, setFound] = useState<User[] | null>(null);

  useEffect(() => {
    const needle = q.trim();
    if (needle.length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const res = await callApi("GET /api/admin/users", { query: { q: needle, limit: 8 } }, { signal: controller.signal }).catch(() => null);
      if (res?.ok) setFound(res.data.users);
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  const results = q.trim().length >= 2 ? found : null;
  return (
    <div className="text-sm font-medium text-slate-700" data-testid="user-picker">
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      {chosen ? (
        <>
          <span id={`${id}-label`}>{label}</span>
          <p className="mt-1 flex min-h-9 flex-wrap items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5" aria-labelledby={`${id}-label`}>
            <span className="min-w-0 break-all font-normal text-slate-900" data-testid="user-picker-chosen">{chosen.full_name} ({chosen.email})</span>
            <button type="button" onClick={() => { setChosen(null); setQ(""); }} className="text-sm underline" data-testid="user-picker-clear">
              Clear<span className="sr-only"> the {label.toLowerCase()} filter</span>
            </button>
          </p>
        </>
      ) : (
        <label className="block">
          {label}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="name or email" autoComplete="off" data-testid="user-picker-search"
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-normal" />
        </label>
      )}
      {!chosen && results && (
        <ul className="mt-1 max-h-60 overflow-auto rounded-md border border-slate-200 bg-white font-normal" aria-label="People found" data-testid="user-picker-results">
          {results.length === 0 && <li className="px-3 py-2 text-slate-600">Nobody matches.</li>}
          {results.map((u) => (
            <li key={u.id}>
              <button type="button" onClick={() => setChosen({ id: u.id, full_name: u.full_name, email: u.email })}
                className="block min-h-11 w-full px-3 py-2 text-left hover:bg-slate-50">
                <span className="font-medium text-slate-900">{u.full_name}</span> <span className="break-all text-slate-600">{u.email}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

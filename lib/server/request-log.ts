// One log line per HTTP request, written by server.ts when the response is done: time, level,
// instance (every line has it), request id, method, route, status, duration, user id and client
// address (docs/deployment.md#logs). The user is known only deep inside the route adapter
// (lib/http.ts), which runs in the Next.js bundle — another copy of this module — so the
// request's note travels in an AsyncLocalStorage kept on globalThis, which both copies share.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestNote {
  /** the signed-in user, once the route adapter has authenticated the request */
  userId: string | null;
}

const STORE = Symbol.for("rollcall.request-note");
function store(): AsyncLocalStorage<RequestNote> {
  const g = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestNote> | undefined>;
  return (g[STORE] ??= new AsyncLocalStorage<RequestNote>());
}

/** Run the handling of one request with a note the route adapter can fill in. */
export function withRequestNote<T>(note: RequestNote, fn: () => T): T {
  return store().run(note, fn);
}

/**
 * Called by the route adapter: record who made the request. Returns false when no request note
 * exists (the app runs without server.ts, e.g. `next dev`), so the caller logs the line itself.
 */
export function noteRequestUser(userId: string | null): boolean {
  const note = store().getStore();
  if (!note) return false;
  note.userId = userId;
  return true;
}

/** Request ids we pass on as they came (nginx's $request_id, a client's own), else a fresh one. */
export function acceptableRequestId(value: string | string[] | undefined): string | null {
  return typeof value === "string" && /^[A-Za-z0-9._:-]{1,64}$/.test(value) ? value : null;
}

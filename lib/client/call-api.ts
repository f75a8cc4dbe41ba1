// The one path from the browser to Rollcall's JSON API (the same API integrators use, with the
// session cookie). Typed from lib/client/contract.ts, which holds the server's own zod schemas.
// It handles, once for every page:
//   - 401 (session ended): the browser goes to /login?next=<this page>;
//   - 429: Retry-After is honoured: until it passes, calls to that endpoint answer rate_limited
//     at once without touching the network;
//   - no network, or no answer in time: reported as "offline", never as a server error;
//   - every error code becomes plain words (lib/client/error-words.ts), with per-field words
//     for validation errors, so API-internal text never reaches a page.
// Nothing is thrown except the caller's own AbortSignal aborting.
import type { z } from "zod";
import type { Contract, EndpointKey } from "./contract";
import { fieldErrors, isKnownCode, wordsFor, type ClientErrorCode } from "./error-words";

type Entry<K extends EndpointKey> = Contract[K];
type PathOf<K extends string> = K extends `${string} ${infer P}` ? P : never;
type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer R}` ? N | ParamNames<R> : never;

type ParamsArg<K extends EndpointKey> = [ParamNames<PathOf<K>>] extends [never] ? { params?: undefined } : { params: Record<ParamNames<PathOf<K>>, string> };
type BodyArg<K extends EndpointKey> = Entry<K> extends { body: infer B extends z.ZodType }
  ? { body: z.input<B>; text?: undefined }
  : Entry<K> extends { text: readonly [infer T extends string, ...string[]] }
    ? { body?: undefined; text: { type: T; content: string | Blob } }
    : { body?: undefined; text?: undefined };
type QueryArg<K extends EndpointKey> = Entry<K> extends { query: infer Q extends z.ZodType } ? { query?: Partial<z.input<Q>> } : { query?: undefined };

export type CallArgs<K extends EndpointKey> = ParamsArg<K> & BodyArg<K> & QueryArg<K>;
/** The success body: the output of any of the endpoint's response schemas. */
export type ApiOut<K extends EndpointKey> = z.output<Entry<K>["responses"][number]>;

export interface CallOptions {
  signal?: AbortSignal;
  /** give up after this long and report offline (default 15 s) */
  timeoutMs?: number;
  /** "login" (default): a 401 sends the browser to log in and come back; "report": just return it */
  onUnauthenticated?: "login" | "report";
}

export interface ClientError {
  code: ClientErrorCode;
  /** the HTTP status; 0 when offline */
  status: number;
  /** a short heading in plain words */
  title: string;
  /** plain words for a person: never the server's internal message */
  message: string;
  /** plain words per form field (validation errors), keyed by the schema's field name */
  fields: Record<string, string>;
  /** seconds to wait before trying again (429) */
  retryAfterSeconds?: number;
  /** the server's details, for pages that show more (e.g. a reason) */
  details?: unknown;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ClientError };

const DEFAULT_TIMEOUT_MS = 15_000;
const LOGIN_CODES = new Set<string>(["unauthenticated", "token_invalid", "token_expired", "session_revoked"]);

/** Endpoint → when a 429's Retry-After ends (ms since epoch, by this browser's clock). */
const blockedUntil = new Map<string, number>();

/** `/api/events/{id}` + { id: "abc" } → `/api/events/abc`, plus the query string. */
export function buildUrl(path: string, params: Record<string, string> | undefined, query: Record<string, unknown> | undefined): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`callApi: missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) search.set(k, String(v));
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

/** Build the ClientError for a code: plain words, per-field words, retry time. */
export function clientError(code: string, status: number, details?: unknown, retryAfterSeconds?: number): ClientError {
  const known: ClientErrorCode = isKnownCode(code) ? code : "internal_error";
  const fields = known === "validation_failed" ? fieldErrors(details) : {};
  const words = wordsFor(known, { retryAfterSeconds, details });
  const names = Object.keys(fields);
  const message = names.length === 1 ? fields[names[0]!]! : words.text;
  return { code: known, status, title: words.title, message, fields, ...(retryAfterSeconds ? { retryAfterSeconds } : {}), ...(details !== undefined ? { details } : {}) };
}

function goToLogin(): void {
  if (typeof window === "undefined" || window.location.pathname === "/login") return;
  const next = `${window.location.pathname}${window.location.search}`;
  // A full page load on purpose: the server-rendered shell must pick up the ended session.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign(`/login?next=${encodeURIComponent(next)}`);
}

function retryAfterOf(res: Response, details: unknown): number | undefined {
  const header = Number(res.headers.get("retry-after"));
  if (Number.isFinite(header) && header > 0) return header;
  const fromBody = (details as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds;
  return typeof fromBody === "number" && fromBody > 0 ? fromBody : undefined;
}

/**
 * Call one endpoint of the contract: `callApi("POST /api/events/{id}/checkin/stop", { params: { id } })`.
 * Resolves with `{ ok: true, data }` (typed from the endpoint's response schemas) or
 * `{ ok: false, error }` with plain words. Only the caller's own abort rejects.
 */
export async function callApi<K extends EndpointKey>(key: K, args: CallArgs<K> = {} as CallArgs<K>, options: CallOptions = {}): Promise<ApiResult<ApiOut<K>>> {
  const space = key.indexOf(" ");
  const method = key.slice(0, space);
  const url = buildUrl(key.slice(space + 1), args.params as Record<string, string> | undefined, args.query as Record<string, unknown> | undefined);

  const until = blockedUntil.get(key);
  if (until !== undefined) {
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left > 0) return { ok: false, status: 429, error: clientError("rate_limited", 429, undefined, left) };
    blockedUntil.delete(key);
  }
  if (typeof navigator !== "undefined" && navigator.onLine === false) return { ok: false, status: 0, error: clientError("offline", 0) };

  // by hand rather than AbortSignal.any/timeout: older iPhones (Safari < 17.4) lack them
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  options.signal?.addEventListener("abort", abort);
  // a JSON body, or a file for endpoints that take one: pasted text is UTF-8; a picked file goes
  // as its bytes, unlabelled, and the server detects its encoding (a spreadsheet's CSV is often not UTF-8)
  const file = args.text;
  const sent =
    args.body !== undefined
      ? { type: "application/json", content: JSON.stringify(args.body) }
      : file
        ? { type: typeof file.content === "string" ? `${file.type}; charset=utf-8` : file.type, content: file.content }
        : undefined;
  let res: Response;
  let body: unknown;
  try {
    res = await fetch(url, {
      method,
      headers: { accept: "application/json", ...(sent && { "content-type": sent.type }) },
      body: sent?.content,
      credentials: "same-origin",
      cache: "no-store",
      signal: controller.signal,
    });
    body = await res.json().catch((e: unknown) => {
      if (controller.signal.aborted) throw e;
      return null; // an empty or non-JSON body (a proxy's error page)
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { ok: false, status: 0, error: clientError("offline", 0) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", abort);
  }

  if (res.ok) return { ok: true, status: res.status, data: body as ApiOut<K> };

  const raw = (body as { error?: { code?: unknown; details?: unknown } } | null)?.error;
  const code = typeof raw?.code === "string" ? raw.code : res.status >= 500 ? "internal_error" : "not_found";
  const retryAfter = res.status === 429 ? retryAfterOf(res, raw?.details) : undefined;
  if (retryAfter) blockedUntil.set(key, Date.now() + retryAfter * 1000);
  if (res.status === 401 && LOGIN_CODES.has(code) && (options.onUnauthenticated ?? "login") === "login") goToLogin();
  return { ok: false, status: res.status, error: clientError(code, res.status, raw?.details, retryAfter) };
}

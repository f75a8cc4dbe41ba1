// Browser calls to the app's own JSON API (same origin, cookie session), returning the
// error shape {"error":{code,message,details}} as data instead of throwing.
export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError; retryAfter?: number };

export async function callApi<T>(path: string, init: { method?: string; json?: unknown; signal?: AbortSignal } = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.json === undefined ? "GET" : "POST"),
      headers: init.json === undefined ? { accept: "application/json" } : { "content-type": "application/json", accept: "application/json" },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      credentials: "same-origin",
      cache: "no-store",
      signal: init.signal,
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    return { ok: false, status: 0, error: { code: "network_error", message: "Could not reach Rollcall. Check your connection." } };
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return { ok: true, status: res.status, data: body as T };
  const error = (body as { error?: ApiError } | null)?.error ?? { code: "internal_error", message: `The server answered ${res.status}.` };
  const retry = Number(res.headers.get("retry-after"));
  return { ok: false, status: res.status, error, retryAfter: Number.isFinite(retry) && retry > 0 ? retry : undefined };
}

// Browser calls to the JSON API (the same one integrators use), with the error shape unpacked.
export async function apiCall(path: string, method: string, body?: unknown): Promise<{ ok: boolean; data: Record<string, unknown>; error?: string }> {
  try {
    const res = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.ok) return { ok: true, data };
    const err = data.error as { message?: string; details?: { path?: string; message?: string }[] } | undefined;
    const detail = Array.isArray(err?.details) ? err.details.map((d) => `${d.path?.replace(/^body\./, "") ?? ""}: ${d.message ?? ""}`).join("; ") : "";
    return { ok: false, data, error: [err?.message ?? `Request failed (${res.status})`, detail].filter(Boolean).join(" ") };
  } catch {
    return { ok: false, data: {}, error: "Could not reach the server." };
  }
}

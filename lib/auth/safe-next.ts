// `?next=` after login: only a path on this site, never another origin (open redirect).
// Browser-safe and pure.

export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || next.length > 2048) return null;
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  if (/[\u0000-\u001f\\]/.test(next)) return null;
  try {
    const url = new URL(next, "http://rollcall.invalid");
    if (url.origin !== "http://rollcall.invalid") return null;
    if (url.pathname === "/login" || url.pathname === "/signup") return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** Where a user lands after login when no `next` was given. */
export function homeFor(role: "student" | "admin"): string {
  return role === "admin" ? "/admin" : "/home";
}

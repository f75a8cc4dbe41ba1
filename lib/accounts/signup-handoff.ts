// The signup form hands the waiting page its status token through sessionStorage (never
// the URL, so it stays out of history and logs). Browser-only helpers; no secrets beyond
// the token, which can only read that one request's status.
const KEY = "rollcall.signup";

export interface SignupHandoff {
  status_token: string;
  email: string;
}

export function saveSignupHandoff(value: SignupHandoff): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(value));
  } catch {
    /* storage disabled: the waiting page explains how to check by logging in */
  }
}

export function readSignupHandoff(): SignupHandoff | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<SignupHandoff>;
    return typeof v.status_token === "string" && typeof v.email === "string" ? { status_token: v.status_token, email: v.email } : null;
  } catch {
    return null;
  }
}

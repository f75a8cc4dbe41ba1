// The signup form hands the waiting page its status token through sessionStorage (never
// the URL, so it stays out of history and logs). Browser-only helpers; no secrets beyond
// the token, which can only read that one request's status.
const KEY = "rollcall.signup";

export interface SignupHandoff {
  status_token: string;
  /** null when the tab never saw the address (a mailed link opened in a new tab): the status answer names it */
  email: string | null;
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
    return typeof v.status_token === "string" ? { status_token: v.status_token, email: typeof v.email === "string" ? v.email : null } : null;
  } catch {
    return null;
  }
}

// After signup, the "check your inbox" page needs the address (to show it, to resend, and for
// the code form). Only the address: the signup answer names nothing else.
const VERIFY_KEY = "rollcall.verify";

export function saveVerifyHandoff(email: string): void {
  try {
    sessionStorage.setItem(VERIFY_KEY, JSON.stringify({ email }));
  } catch {
    /* storage disabled: the page asks for the address */
  }
}

export function readVerifyHandoff(): string | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(VERIFY_KEY) ?? "null") as { email?: unknown } | null;
    return typeof v?.email === "string" ? v.email : null;
  } catch {
    return null;
  }
}

// Arrange e2e state through the public JSON API and the real mail (no database access from specs).
import { expect, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN } from "./env";
import { firstLink, waitForMail } from "./mail";

export async function adminToken(request: APIRequestContext): Promise<string> {
  const res = await request.post("/api/auth/login", { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } });
  expect(res.status()).toBe(200);
  return (await res.json()).access_token as string;
}

/**
 * Sign up through the API and verify with the token of the real mail (the e2e server's SMTP
 * capture): the verify-email answer — the account, its approval request and its status token.
 */
export async function signUpVerified(request: APIRequestContext, user: { email: string; password: string; fullName: string }) {
  const since = new Date();
  const signup = await request.post("/api/auth/signup", { data: { email: user.email, password: user.password, full_name: user.fullName } });
  expect(signup.status()).toBe(202);
  const mail = await waitForMail({ to: user.email, subject: "Confirm your email", since });
  const token = new URL(firstLink(mail, "/verify-email")).searchParams.get("token");
  const verified = await request.post("/api/auth/verify-email", { data: { token } });
  expect(verified.status(), await verified.text()).toBe(200);
  return (await verified.json()) as { status: "active" | "pending"; user: { id: string; email: string }; approval_request: { id: string }; status_token: string };
}

/** Sign up and verify through the API, and approve with the admin's token: an active account. */
export async function createApprovedUser(request: APIRequestContext, user: { email: string; password: string; fullName: string }, role: "student" | "instructor" | "admin" = "student") {
  const id = (await signUpVerified(request, user)).approval_request.id;
  const token = await adminToken(request);
  // approving someone as staff (instructor or admin) needs a fresh proof of presence in this session (step-up)
  if (role !== "student") {
    const stepUp = await request.post("/api/auth/step-up", { data: { method: "password", password: E2E_ADMIN.password }, headers: { authorization: `Bearer ${token}` } });
    expect(stepUp.status()).toBe(200);
  }
  const decided = await request.post(`/api/admin/approval-requests/${id}/decide`, {
    data: { decision: "approved", approved_role: role },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(decided.status()).toBe(200);
}

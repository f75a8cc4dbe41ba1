// Arrange e2e state through the public JSON API (no database access from specs).
import { expect, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN } from "./env";

export async function adminToken(request: APIRequestContext): Promise<string> {
  const res = await request.post("/api/auth/login", { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } });
  expect(res.status()).toBe(200);
  return (await res.json()).access_token as string;
}

/** Sign up through the API and approve with the admin's token: an active account. */
export async function createApprovedUser(request: APIRequestContext, user: { email: string; password: string; fullName: string }, role: "student" | "admin" = "student") {
  const signup = await request.post("/api/auth/signup", { data: { email: user.email, password: user.password, full_name: user.fullName } });
  expect(signup.status()).toBe(201);
  const id = (await signup.json()).approval_request.id as string;
  const token = await adminToken(request);
  // approving someone as admin needs a fresh proof of presence in this session (step-up)
  if (role === "admin") {
    const stepUp = await request.post("/api/auth/step-up", { data: { method: "password", password: E2E_ADMIN.password }, headers: { authorization: `Bearer ${token}` } });
    expect(stepUp.status()).toBe(200);
  }
  const decided = await request.post(`/api/admin/approval-requests/${id}/decide`, {
    data: { decision: "approved", approved_role: role },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(decided.status()).toBe(200);
}

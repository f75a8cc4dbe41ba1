// Arrange state directly in the test database: users in any status, and tokens for them
// through the same session code the login endpoint uses.
import bcrypt from "bcrypt";
import { createSession, issueTokenPair, type TokenPair } from "@/lib/auth/sessions";
import { post } from "./api";
import { testCtx, testDb, uniqueEmail } from "./db";
import type { Role } from "@/lib/auth/policy";

export const TEST_PASSWORD = "Correct-Horse-9-Battery";
let hashCache: Promise<string> | undefined;
const passwordHash = () => (hashCache ??= bcrypt.hash(TEST_PASSWORD, 4));

export interface TestUser {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  password: string;
}

export async function createUser(
  opts: { role?: Role; status?: "pending" | "active" | "rejected" | "expired" | "deactivated"; email?: string; fullName?: string } = {},
): Promise<TestUser> {
  const db = await testDb();
  const role = opts.role ?? "student";
  const user = await db.user.create({
    data: {
      email: opts.email ?? uniqueEmail(role),
      fullName: opts.fullName ?? `Test ${role} ${Math.random().toString(36).slice(2, 6)}`,
      passwordHash: await passwordHash(),
      role,
      status: opts.status ?? "active",
      // made directly, as admin:create and verified signups make accounts: the address counts as proven
      emailVerifiedAt: new Date(),
    },
  });
  return { id: user.id, email: user.email, fullName: user.fullName, role, password: TEST_PASSWORD };
}

/** A fresh API session with a token pair, as if the user had logged in. */
export async function tokensFor(user: Pick<TestUser, "id" | "role">): Promise<TokenPair & { sessionId: string }> {
  const ctx = await testCtx();
  const session = await createSession(ctx, ctx.db, user);
  return { ...(await issueTokenPair(ctx, ctx.db, user, session.id)), sessionId: session.id };
}

export async function createAdminWithToken() {
  const user = await createUser({ role: "admin" });
  return { user, token: (await tokensFor(user)).access_token };
}

export async function createStudentWithToken() {
  const user = await createUser({ role: "student" });
  return { user, token: (await tokensFor(user)).access_token };
}

/**
 * Prove presence in this token's session through the real endpoint (POST /api/auth/step-up
 * with the password): the admin actions that need a fresh proof are allowed for 5 minutes.
 */
export async function stepUp(token: string, base?: string): Promise<void> {
  const res = await post(base ? new URL("/api/auth/step-up", base).toString() : "/api/auth/step-up", { method: "password", password: TEST_PASSWORD }, { token });
  if (res.status !== 200) throw new Error(`step-up failed: ${res.status} ${res.text}`);
}

import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { fixedClock } from "@/lib/clock";
import { enforce, hit, peek } from "@/lib/rate-limit/limit";
import { AppError } from "@/lib/errors";
import { request, uniqueIp } from "../support/api";
import { testCtx } from "../support/db";
import { createUser, TEST_PASSWORD } from "../support/factories";

const rule = { name: "test_limit", max: 3, windowSeconds: 60 };

describe(`database rate limits (${inject("provider")})`, () => {
  it("counts hits in a window and limits past the maximum", async () => {
    const ctx = await testCtx({ clock: fixedClock("2026-01-01T10:00:00Z") });
    const subject = randomUUID();
    const counts = [];
    for (let i = 0; i < 4; i++) counts.push((await hit(ctx, rule, subject)).count);
    expect(counts).toEqual([1, 2, 3, 4]);
    expect((await peek(ctx, rule, subject)).limited).toBe(true);
  });

  it("starts a new window after the old one expires", async () => {
    const clock = fixedClock("2026-01-01T10:00:00Z");
    const ctx = await testCtx({ clock });
    const subject = randomUUID();
    for (let i = 0; i < 4; i++) await hit(ctx, rule, subject);
    clock.advance(61_000);
    const state = await hit(ctx, rule, subject);
    expect(state.count).toBe(1);
    expect(state.limited).toBe(false);
  });

  it("throws 429 with Retry-After when enforced", async () => {
    const clock = fixedClock("2026-01-01T10:00:00Z");
    const ctx = await testCtx({ clock });
    const subject = randomUUID();
    for (let i = 0; i < 3; i++) await enforce(ctx, rule, subject, "slow down");
    clock.advance(20_000);
    const error = await enforce(ctx, rule, subject, "slow down").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(429);
    expect((error as AppError).headers).toEqual({ "Retry-After": "40" });
  });

  it("loses no hit under concurrency (one bucket, 25 parallel hits)", async () => {
    const ctx = await testCtx();
    const subject = randomUUID();
    const states = await Promise.all(Array.from({ length: 25 }, () => hit(ctx, rule, subject)));
    expect(states.map((s) => s.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect((await peek(ctx, rule, subject)).count).toBe(25);
  });
});

describe(`login failures per IP under concurrency (${inject("provider")})`, () => {
  it("20 simultaneous wrong passwords from one address: one account's share gets its 5 lockout checks, each stranger's email its own", async () => {
    const user = await createUser();
    const ip = uniqueIp();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => request("POST", "/api/auth/login", { ip, json: { email: i % 2 ? user.email : `ghost.${i}.${user.email}`, password: "Wrong-Password-9!" } })),
    );
    const mine = results.filter((_, i) => i % 2).map((r) => r.status);
    const strangers = results.filter((_, i) => !(i % 2)).map((r) => r.status);
    expect(mine.filter((s) => s === 401)).toHaveLength(5);
    expect(mine.filter((s) => s === 429)).toHaveLength(5);
    expect(strangers).toEqual(strangers.map(() => 401));
  });

  it("a correct password does not use up the failure budget", async () => {
    const user = await createUser();
    const ip = uniqueIp();
    for (let i = 0; i < 12; i++) {
      const res = await request("POST", "/api/auth/login", { ip, json: { email: user.email, password: TEST_PASSWORD } });
      expect(res.status).toBe(200);
    }
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { errorFields, log, setLogDestination, setLogIdentity } from "./log";

function capture(): string[] {
  const lines: string[] = [];
  setLogDestination({ write: (chunk: string) => void lines.push(...chunk.split("\n").filter(Boolean)) });
  return lines;
}

afterEach(() => {
  setLogDestination(undefined);
  setLogIdentity({});
});

describe("log", () => {
  it("writes one JSON line per event with time, level word, the instance and the fields", () => {
    const lines = capture();
    setLogIdentity({ instance: "app1:3001", instance_id: "6f1c" });
    log("warn", "backup scheduler", { request_id: "r1", n: 3 });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: "warn", instance: "app1:3001", instance_id: "6f1c", msg: "backup scheduler", request_id: "r1", n: 3 });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
  });

  it("redacts every secret in the message, the fields and an error's stack", () => {
    const lines = capture();
    const password = "S3cr3t-Pa55word";
    const refresh = "q9Zt0h1mW3v6yC2kP8sR5uN7xA4bE1dF0gH2jK3lM5n";
    const error = new Error(`Command failed: pg_dump --dbname=postgresql://rollcall:${password}@db:5432/rollcall`);
    log("error", `retry with Bearer ${refresh}`, { ...errorFields(error), body: { password: "hunter2", refresh_token: refresh, qr: "v2.AbCd.QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbg.MTIzNDU2Nzg5MDEyMzQ1Ng" } });
    const text = lines.join("\n");
    for (const secret of [password, refresh, "hunter2", "MTIzNDU2Nzg5MDEyMzQ1Ng"]) expect(text).not.toContain(secret);
    const line = JSON.parse(lines[0]!) as { error: { stack: string }; body: { password: string } };
    expect(line.error.stack).toContain("postgresql://rollcall:[redacted]@db:5432/rollcall");
    expect(line.body.password).toBe("[redacted]");
  });

  it("honours LOG_LEVEL's threshold (info by default: debug lines are dropped)", () => {
    const lines = capture();
    log("debug", "noise");
    log("info", "kept");
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(["kept"]);
  });
});

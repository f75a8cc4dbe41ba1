// The production server refuses to start on weak settings and names the rule (docs/design.md#configuration).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT, SERVER_BUNDLE } from "../support/test-server";

function startProduction(env: Record<string, string>) {
  return spawnSync(process.execPath, [SERVER_BUNDLE], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", DATABASE_URL: "file:./.tmp/never-created.db", PORT: "1", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("production start-up refusals", () => {
  const strong = { SECRET_KEY: "a".repeat(64), QR_SIGNING_SECRET: "b".repeat(64) };

  it("refuses equal secrets, long access tokens and low bcrypt rounds, naming each rule", () => {
    const run = startProduction({ ...strong, QR_SIGNING_SECRET: strong.SECRET_KEY, ACCESS_TOKEN_EXPIRE_MINUTES: "30", BCRYPT_ROUNDS: "10" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Rollcall refuses to start");
    expect(run.stderr).toContain("QR_SIGNING_SECRET: must differ from SECRET_KEY");
    expect(run.stderr).toContain("ACCESS_TOKEN_EXPIRE_MINUTES: must be at most 15 minutes");
    expect(run.stderr).toContain("BCRYPT_ROUNDS: must be at least 12 in production");
  });

  it("refuses short secrets", () => {
    const run = startProduction({ ...strong, SECRET_KEY: "0123456789abcdef".repeat(2) });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("SECRET_KEY: must be at least 64 hex characters in production");
  });

  it("refuses a mail relay it cannot use: another scheme, or SMTP_URL without MAIL_FROM, never echoing the relay's password", () => {
    const wrongScheme = startProduction({ ...strong, SMTP_URL: "http://rollcall:Relay-Secret-77@smtp.college.edu", MAIL_FROM: "rollcall@college.edu" });
    expect(wrongScheme.status).toBe(1);
    expect(wrongScheme.stderr).toContain("SMTP_URL: must start with smtp:// (STARTTLS) or smtps:// (TLS), not http://");
    expect(wrongScheme.stderr + wrongScheme.stdout).not.toContain("Relay-Secret-77");
    const noFrom = startProduction({ ...strong, SMTP_URL: "smtps://rollcall:Relay-Secret-77@smtp.college.edu" });
    expect(noFrom.status).toBe(1);
    expect(noFrom.stderr).toContain("MAIL_FROM: must be set when SMTP_URL is");
    expect(noFrom.stderr + noFrom.stdout).not.toContain("Relay-Secret-77");
  });
});

import { describe, expect, it } from "vitest";
import { redactSecrets, redactValue } from "./redact";

describe("redactSecrets", () => {
  it("removes a database password from a failed pg_dump's command line and keeps the rest", () => {
    const msg = "Command failed: pg_dump --format=custom --dbname=postgresql://rollcall:S3cr3t-Pa55@127.0.0.1:5432/rollcall\npg_dump: error: permission denied for table users";
    const out = redactSecrets(msg);
    expect(out).not.toContain("S3cr3t-Pa55");
    expect(out).toContain("postgresql://rollcall:[redacted]@127.0.0.1:5432/rollcall");
    expect(out).toContain("permission denied for table users");
  });

  it("removes SMTP credentials, conninfo passwords and environment secrets", () => {
    expect(redactSecrets("connect smtp://mailer:hunter2@relay.college.edu:587 failed")).not.toContain("hunter2");
    expect(redactSecrets("host=db user=app password=hunter2 dbname=x")).not.toContain("hunter2");
    expect(redactSecrets("PGPASSWORD=hunter2 pg_dump")).not.toContain("hunter2");
    expect(redactSecrets('{"SECRET_KEY":"abc123def"}')).not.toContain("abc123def");
  });

  it("removes bearer tokens, JWTs, refresh tokens and token query parameters", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiJ4In0.c2lnbmF0dXJlLXZhbHVl";
    expect(redactSecrets(`Authorization: Bearer ${jwt}`)).not.toContain("eyJ1c2VySWQ");
    expect(redactSecrets(`token ${jwt} was refused`)).not.toContain("c2lnbmF0dXJlLXZhbHVl");
    const refresh = "q9Zt0h1mW3v6yC2kP8sR5uN7xA4bE1dF0gH2jK3lM5n";
    expect(redactSecrets(`refresh ${refresh} reused`)).not.toContain(refresh);
    expect(redactSecrets(`{"refresh_token":"short-but-secret"}`)).not.toContain("short-but-secret");
    expect(redactSecrets("GET /reset-password?token=abcDEF123&x=1")).toBe("GET /reset-password?token=[redacted]&x=1");
  });

  it("keeps a QR payload's version, key id and claims but drops its MAC", () => {
    const payload = "v2.AbCd.QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbg.MTIzNDU2Nzg5MDEyMzQ1Ng";
    const out = redactSecrets(`scan of ${payload} failed`);
    expect(out).toContain("v2.AbCd.");
    expect(out).not.toContain("MTIzNDU2Nzg5MDEyMzQ1Ng");
  });

  it("leaves ordinary diagnostics alone", () => {
    const text = 'request 3f1c2a9e-1b2c-4d5e-8f90-123456789abc failed: {"code":"qr_expired","message":"This code expired at 10:02."}';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe("redactValue", () => {
  it("replaces whole values under secret-named keys, however plain they look", () => {
    expect(redactValue({ password: "hunter2", refreshToken: "abc", client_secret: "x", tokenHash: "h", token_count: 3, requestId: "r1" })).toEqual({
      password: "[redacted]",
      refreshToken: "[redacted]",
      client_secret: "[redacted]",
      tokenHash: "[redacted]",
      token_count: 3,
      requestId: "r1",
    });
  });

  it("redacts strings at any depth and keeps other values", () => {
    const at = new Date(0);
    const out = redactValue({ n: 1, at, list: ["postgresql://a:pw@h/db"], nested: { msg: "Bearer abc.def" } });
    expect(out).toEqual({ n: 1, at, list: ["postgresql://a:[redacted]@h/db"], nested: { msg: "Bearer [redacted]" } });
  });
});

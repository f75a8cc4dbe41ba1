import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

const hex = (c: string) => c.repeat(64);
const good = { SECRET_KEY: hex("a"), QR_SIGNING_SECRET: hex("b"), NEXTAUTH_SECRET: hex("c") };

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("parseConfig", () => {
  it("applies the documented defaults", () => {
    const c = parseConfig({ ...good, APP_ENV: "production" });
    expect(c).toMatchObject({
      DATABASE_URL: "file:./data/rollcall.db",
      ACCESS_TOKEN_EXPIRE_MINUTES: 15,
      REFRESH_TOKEN_EXPIRE_DAYS: 7,
      QR_EXPIRY_SECONDS: 60,
      QR_ROTATION_SECONDS: 10,
      APPROVAL_TIMEOUT_MINUTES: 3,
      BCRYPT_ROUNDS: 12,
      APP_URL: "http://localhost:3000",
      CORS_ORIGINS: [],
      TRUSTED_PROXIES: [],
    });
  });

  it("reads COLLEGE_TIMEZONE as an IANA name (default UTC) and names a wrong one", () => {
    expect(parseConfig({ ...good, APP_ENV: "production" }).COLLEGE_TIMEZONE).toBe("UTC");
    expect(parseConfig({ ...good, APP_ENV: "production", COLLEGE_TIMEZONE: "Europe/Berlin" }).COLLEGE_TIMEZONE).toBe("Europe/Berlin");
    expect(problemsOf({ ...good, APP_ENV: "production", COLLEGE_TIMEZONE: "Europe/Atlantis" }).join(" ")).toMatch(/COLLEGE_TIMEZONE.*IANA/);
  });

  it("reads COLLEGE_LOCALE as a language tag the runtime knows (default en-GB) and names a wrong one", () => {
    expect(parseConfig({ ...good, APP_ENV: "production" }).COLLEGE_LOCALE).toBe("en-GB");
    expect(parseConfig({ ...good, APP_ENV: "production", COLLEGE_LOCALE: "de-DE" }).COLLEGE_LOCALE).toBe("de-DE");
    for (const bad of ["klingon", "not a tag", "xx-YY"]) expect(problemsOf({ ...good, APP_ENV: "production", COLLEGE_LOCALE: bad }).join(" ")).toMatch(/COLLEGE_LOCALE.*language tag/);
  });

  it("reads SIGNUP_LIMIT_PER_IP (default 30) and refuses one below 1", () => {
    expect(parseConfig({ ...good, APP_ENV: "production" }).SIGNUP_LIMIT_PER_IP).toBe(30);
    expect(parseConfig({ ...good, APP_ENV: "production", SIGNUP_LIMIT_PER_IP: "400" }).SIGNUP_LIMIT_PER_IP).toBe(400);
    expect(problemsOf({ ...good, APP_ENV: "production", SIGNUP_LIMIT_PER_IP: "0" }).join(" ")).toMatch(/SIGNUP_LIMIT_PER_IP/);
  });

  it("derives production from NODE_ENV when APP_ENV is unset", () => {
    expect(parseConfig({ ...good, NODE_ENV: "production" }).APP_ENV).toBe("production");
    expect(parseConfig({ ...good, NODE_ENV: "development" }).APP_ENV).toBe("development");
  });

  it("parses lists and strips a trailing slash from APP_URL", () => {
    const c = parseConfig({ ...good, CORS_ORIGINS: "https://a.edu, https://b.edu", TRUSTED_PROXIES: "10.0.0.1", APP_URL: "https://rc.example.edu/" });
    expect(c.CORS_ORIGINS).toEqual(["https://a.edu", "https://b.edu"]);
    expect(c.TRUSTED_PROXIES).toEqual(["10.0.0.1"]);
    expect(c.APP_URL).toBe("https://rc.example.edu");
  });

  it("derives a distinct next-auth secret when none is given", () => {
    const c = parseConfig({ SECRET_KEY: hex("a"), QR_SIGNING_SECRET: hex("b"), APP_ENV: "production" });
    expect(c.nextAuthSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(c.nextAuthSecret).not.toBe(c.SECRET_KEY);
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ ...good, BCRYPT_ROUNDS: "", APP_ENV: "production" }).BCRYPT_ROUNDS).toBe(12);
  });

  describe("production refusals name the rule that failed", () => {
    const prod = { ...good, APP_ENV: "production" };
    it("short secrets", () => {
      expect(problemsOf({ ...prod, SECRET_KEY: "ab".repeat(20) })).toEqual(["SECRET_KEY: must be at least 64 hex characters in production"]);
    });
    it("non-hex secrets", () => {
      expect(problemsOf({ ...prod, QR_SIGNING_SECRET: "z".repeat(64) })).toEqual(["QR_SIGNING_SECRET: must be at least 64 hex characters in production"]);
    });
    it("equal SECRET_KEY and QR_SIGNING_SECRET", () => {
      expect(problemsOf({ ...prod, QR_SIGNING_SECRET: good.SECRET_KEY })).toContain("QR_SIGNING_SECRET: must differ from SECRET_KEY");
    });
    it("next-auth secret reused", () => {
      expect(problemsOf({ ...prod, NEXTAUTH_SECRET: good.SECRET_KEY })).toContain("NEXTAUTH_SECRET: must differ from SECRET_KEY and QR_SIGNING_SECRET");
    });
    it("access tokens over 15 minutes", () => {
      expect(problemsOf({ ...prod, ACCESS_TOKEN_EXPIRE_MINUTES: "16" })).toEqual(["ACCESS_TOKEN_EXPIRE_MINUTES: must be at most 15 minutes"]);
    });
    it("bcrypt rounds under 12", () => {
      expect(problemsOf({ ...prod, BCRYPT_ROUNDS: "10" })).toEqual(["BCRYPT_ROUNDS: must be at least 12 in production"]);
    });
    it("reports every broken rule at once", () => {
      const problems = problemsOf({ ...prod, SECRET_KEY: "short-but-32-characters-long-xxxx", BCRYPT_ROUNDS: "4" });
      expect(problems).toEqual(["SECRET_KEY: must be at least 64 hex characters in production", "BCRYPT_ROUNDS: must be at least 12 in production"]);
    });
    it("a secret pasted as shell syntax gets the documented rule and says why", () => {
      const [problem] = problemsOf({ ...prod, SECRET_KEY: "$(openssl rand -hex 32)" });
      expect(problem).toMatch(/^SECRET_KEY: must be at least 64 hex characters in production \(this value is shell syntax.*npm run env:production/);
      expect(problemsOf({ ...prod, NEXTAUTH_SECRET: "short" })).toEqual(["NEXTAUTH_SECRET: must be at least 64 hex characters in production"]);
    });
    it("the previous QR secret follows the same rule and differs from the current one", () => {
      expect(problemsOf({ ...prod, QR_SIGNING_SECRET_PREVIOUS: "q".repeat(64) })).toEqual(["QR_SIGNING_SECRET_PREVIOUS: must be at least 64 hex characters in production"]);
      expect(problemsOf({ ...prod, QR_SIGNING_SECRET_PREVIOUS: good.QR_SIGNING_SECRET })).toEqual([
        "QR_SIGNING_SECRET_PREVIOUS: must differ from QR_SIGNING_SECRET (remove it once a rotation is over)",
      ]);
    });
    it("QR codes may not live longer than 60 s", () => {
      expect(problemsOf({ ...prod, QR_EXPIRY_SECONDS: "61" })).toEqual(["QR_EXPIRY_SECONDS: must be at most 60 seconds"]);
    });
  });

  it("allows low bcrypt rounds outside production, but never weak missing secrets", () => {
    expect(parseConfig({ SECRET_KEY: "x".repeat(32), QR_SIGNING_SECRET: "y".repeat(32), APP_ENV: "test", BCRYPT_ROUNDS: "4" }).BCRYPT_ROUNDS).toBe(4);
    expect(problemsOf({ APP_ENV: "development" })).toEqual([
      "SECRET_KEY: Invalid input: expected string, received undefined",
      "QR_SIGNING_SECRET: Invalid input: expected string, received undefined",
    ]);
  });

  it("rejects a rotation interval not shorter than the expiry", () => {
    expect(problemsOf({ ...good, APP_ENV: "production", QR_ROTATION_SECONDS: "60" })).toEqual(["QR_ROTATION_SECONDS: must be shorter than QR_EXPIRY_SECONDS"]);
  });

  it("rejects garbage numbers and URLs", () => {
    const problems = problemsOf({ ...good, APP_ENV: "production", ACCESS_TOKEN_EXPIRE_MINUTES: "soon", APP_URL: "not a url" });
    expect(problems.map((p) => p.split(":")[0])).toEqual(["ACCESS_TOKEN_EXPIRE_MINUTES", "APP_URL"]);
  });

  describe("mail settings", () => {
    it("no SMTP_URL is allowed (mail waits in the outbox); MAIL_FROM defaults outside production", () => {
      const c = parseConfig({ ...good, APP_ENV: "production" });
      expect(c.SMTP_URL).toBeUndefined();
      expect(c.MAIL_RETRY_FIRST_SECONDS).toBe(30);
      expect(c.MAIL_RETRY_HOURS).toBe(48);
      expect(parseConfig({ ...good, APP_ENV: "development", APP_URL: "https://rc.college.edu" }).mailFrom).toBe("Rollcall <rollcall@rc.college.edu>");
      expect(parseConfig({ ...good, APP_ENV: "development" }).mailFrom).toBe("Rollcall <rollcall@localhost.localdomain>");
    });

    it("in production SMTP_URL needs MAIL_FROM, a usable scheme and a valid address", () => {
      expect(problemsOf({ ...good, APP_ENV: "production", SMTP_URL: "smtp://relay.college.edu:25" }).join(" ")).toMatch(/MAIL_FROM: must be set when SMTP_URL is/);
      expect(problemsOf({ ...good, APP_ENV: "production", SMTP_URL: "http://relay.college.edu", MAIL_FROM: "rc@college.edu" }).join(" ")).toMatch(/SMTP_URL: must start with smtp:\/\//);
      expect(problemsOf({ ...good, APP_ENV: "production", SMTP_URL: "smtp://relay.college.edu", MAIL_FROM: "not an address" }).join(" ")).toMatch(/MAIL_FROM: must be an address/);
      const c = parseConfig({ ...good, APP_ENV: "production", SMTP_URL: "smtps://rc:secret@relay.college.edu", MAIL_FROM: "Rollcall <rollcall@college.edu>" });
      expect(c.mailFrom).toBe("Rollcall <rollcall@college.edu>");
    });

    it("never repeats the relay's password in a refusal", () => {
      const problems = problemsOf({ ...good, APP_ENV: "production", SMTP_URL: "smtp://rc:Hunter2-secret@relay.college.edu/x", MAIL_FROM: "rc@college.edu" });
      expect(problems.join(" ")).toMatch(/SMTP_URL/);
      expect(problems.join(" ")).not.toContain("Hunter2-secret");
    });

    it("retries transient failures for at least 24 hours", () => {
      expect(problemsOf({ ...good, APP_ENV: "production", MAIL_RETRY_HOURS: "12" }).join(" ")).toMatch(/MAIL_RETRY_HOURS: must be at least 24 hours/);
    });
  });

  describe("single sign-on settings", () => {
    const sso = { OIDC_ISSUER: "https://login.college.edu/realms/college", OIDC_CLIENT_ID: "rollcall", OIDC_CLIENT_SECRET: "s3cret-value" };

    it("is off unless configured; passwords stay on", () => {
      const c = parseConfig({ ...good, APP_ENV: "production" });
      expect(c.sso).toBeNull();
      expect(c.AUTH_PASSWORDS).toBe("on");
    });

    it("reads all three settings with the documented defaults", () => {
      const c = parseConfig({ ...good, APP_ENV: "production", ...sso, OIDC_ROLE_CLAIM: "groups", OIDC_INSTRUCTOR_VALUES: "staff, lecturers", AUTH_PASSWORDS: "students-off" });
      expect(c.sso).toEqual({ issuer: sso.OIDC_ISSUER, clientId: "rollcall", clientSecret: "s3cret-value", displayName: "College", roleClaim: "groups", instructorValues: ["staff", "lecturers"] });
      expect(c.AUTH_PASSWORDS).toBe("students-off");
    });

    it("needs all of issuer, client id and secret, or none, naming what is missing", () => {
      expect(problemsOf({ ...good, APP_ENV: "development", OIDC_ISSUER: sso.OIDC_ISSUER })).toEqual([
        "OIDC_CLIENT_ID: must be set too: single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET (or none of them)",
        "OIDC_CLIENT_SECRET: must be set too: single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET (or none of them)",
      ]);
    });

    it("a role claim comes with its values; students-off needs single sign-on; an unknown mode is refused", () => {
      expect(problemsOf({ ...good, APP_ENV: "development", ...sso, OIDC_ROLE_CLAIM: "groups" }).join(" ")).toMatch(/OIDC_INSTRUCTOR_VALUES: must be set with OIDC_ROLE_CLAIM/);
      expect(problemsOf({ ...good, APP_ENV: "development", ...sso, OIDC_INSTRUCTOR_VALUES: "staff" }).join(" ")).toMatch(/OIDC_ROLE_CLAIM: must be set with OIDC_INSTRUCTOR_VALUES/);
      expect(problemsOf({ ...good, APP_ENV: "development", AUTH_PASSWORDS: "students-off" }).join(" ")).toMatch(/AUTH_PASSWORDS: students-off needs single sign-on/);
      expect(problemsOf({ ...good, APP_ENV: "development", ...sso, AUTH_PASSWORDS: "off" }).map((p) => p.split(":")[0])).toEqual(["AUTH_PASSWORDS"]);
    });

    it("production wants an https issuer; development allows a local http one", () => {
      const local = { ...sso, OIDC_ISSUER: "http://127.0.0.1:4000" };
      expect(problemsOf({ ...good, APP_ENV: "production", ...local })).toEqual(["OIDC_ISSUER: must be an https:// URL in production"]);
      expect(parseConfig({ ...good, APP_ENV: "development", ...local }).sso?.issuer).toBe("http://127.0.0.1:4000");
      expect(problemsOf({ ...good, APP_ENV: "development", ...sso, OIDC_ISSUER: "college" }).map((p) => p.split(":")[0])).toEqual(["OIDC_ISSUER"]);
    });
  });
});

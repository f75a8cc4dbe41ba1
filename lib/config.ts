// The one place that reads process.env. Parsed once with zod; the production
// rules (README, Configuration) refuse weak settings and name the rule that failed.
import { createHmac } from "node:crypto";
import { availableParallelism } from "node:os";
import { z } from "zod";
import { isTimeZone } from "./time/zoned";
import { parseSmtpUrl } from "./mail/smtp-url";

const intFrom = (def: number) => z.coerce.number().int().default(def);
const list = z
  .string()
  .default("")
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

/** Where the app says it is served when APP_URL is unset (links in QR codes, the API document). */
export const DEFAULT_APP_URL = "http://localhost:3000";

export const ConfigSchema = z.object({
  APP_ENV: z.enum(["production", "development", "test"]),
  DATABASE_URL: z.string().min(1).default("file:./data/rollcall.db"),
  /** PostgreSQL with split roles: the owner's URL, for db:migrate and db:restore only (docs/deployment.md) */
  MIGRATION_DATABASE_URL: z.string().min(1).optional(),
  SECRET_KEY: z.string().min(32, "must be at least 32 characters"),
  QR_SIGNING_SECRET: z.string().min(32, "must be at least 32 characters"),
  /** after a routine rotation: the secret before, still accepted for one code lifetime (docs/deployment.md) */
  QR_SIGNING_SECRET_PREVIOUS: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ACCESS_TOKEN_EXPIRE_MINUTES: intFrom(15).pipe(z.number().min(1).max(15, "must be at most 15 minutes")),
  REFRESH_TOKEN_EXPIRE_DAYS: intFrom(7).pipe(z.number().min(1).max(30)),
  QR_EXPIRY_SECONDS: intFrom(60).pipe(z.number().min(10).max(60, "must be at most 60 seconds")),
  QR_ROTATION_SECONDS: intFrom(10).pipe(z.number().min(3).max(60)),
  /** accept version 1 QR payloads (no key id); only while instances older than key ids may still project codes (docs/operations.md) */
  QR_ACCEPT_V1: z.enum(["true", "false"], { message: "must be true or false" }).default("false").transform((v) => v === "true"),
  /** issuing a code opens check-in from this many minutes before the event's start until its end */
  CHECKIN_OPENS_MINUTES_BEFORE: intFrom(30).pipe(z.number().min(0).max(24 * 60)),
  APPROVAL_TIMEOUT_MINUTES: intFrom(3).pipe(z.number().min(1).max(60 * 24 * 30)),
  BCRYPT_ROUNDS: intFrom(12).pipe(z.number().min(4).max(15)),
  /** bcrypt jobs allowed in libuv's pool at once (default: cores − 1, at least 1) */
  BCRYPT_CONCURRENCY: intFrom(Math.max(1, availableParallelism() - 1)).pipe(z.number().min(1).max(64)),
  /** expensive reads (term reports being built, exports, roster imports) one instance runs at once; more get 503 busy */
  HEAVY_READS_PER_INSTANCE: intFrom(2).pipe(z.number().min(1).max(64)),
  APP_URL: z.url().default(DEFAULT_APP_URL).transform((u) => u.replace(/\/+$/, "")),
  CORS_ORIGINS: list,
  TRUSTED_PROXIES: list,
  /** signups per client address per 15 minutes; a hall of new students behind one NAT address may need more */
  SIGNUP_LIMIT_PER_IP: intFrom(30).pipe(z.number().min(1).max(100_000)),
  /** how long a signup's verification link and code work (and the signup waits) before it expires */
  EMAIL_VERIFICATION_HOURS: intFrom(24).pipe(z.number().min(1).max(72)),
  /** how long a mailed password-reset link works */
  PASSWORD_RESET_MINUTES: intFrom(30).pipe(z.number().min(5).max(24 * 60)),
  BACKUP_DIR: z.string().optional(),
  BACKUP_INTERVAL_HOURS: intFrom(24).pipe(z.number().min(1)),
  BACKUP_KEEP: intFrom(14).pipe(z.number().min(1)),
  /** how often each instance asks the database whether a scheduled backup is due */
  BACKUP_CHECK_SECONDS: intFrom(300).pipe(z.number().min(1).max(3600)),
  PORT: intFrom(3000).pipe(z.number().min(1).max(65535)),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** IANA name; course schedules ("Mondays 09:00") are read in it, so daylight saving never shifts a class */
  COLLEGE_TIMEZONE: z.string().trim().default("UTC").refine(isTimeZone, "must be an IANA time zone name such as Europe/Berlin or UTC"),
  /** BCP 47 language tag; exports sort names in its order and, where it writes decimal commas (de, fr, es …), separate CSV cells with ";" as its spreadsheets expect */
  COLLEGE_LOCALE: z.string().trim().default("en-GB").refine(isLocale, "must be a language tag such as en-GB, de-DE or fr-FR"),
  /** the college's mail relay; unset: mail waits in the outbox, readable at /admin/outbox (docs/deployment.md#outgoing-mail) */
  SMTP_URL: z.string().trim().optional().superRefine((value, issue) => {
    const parsed = value === undefined ? null : parseSmtpUrl(value);
    if (parsed && "problem" in parsed) issue.addIssue({ code: "custom", message: parsed.problem });
  }),
  /** the From of every mail: "Rollcall <rollcall@college.edu>" or a bare address */
  MAIL_FROM: z.string().trim().optional().refine((v) => v === undefined || mailFromAddress(v) !== null, "must be an address such as rollcall@college.edu or Rollcall <rollcall@college.edu>"),
  /** the first retry of a mail the relay refused for now; each next one waits twice as long (at most an hour) */
  MAIL_RETRY_FIRST_SECONDS: intFrom(30).pipe(z.number().min(1).max(3600)),
  /** how long a mail the relay keeps refusing for now (4xx, no connection) is retried before it is marked failed */
  MAIL_RETRY_HOURS: intFrom(48).pipe(z.number().min(24, "must be at least 24 hours").max(24 * 14)),
  /** single sign-on (docs/authentication.md#single-sign-on): the OpenID Provider's issuer URL, exactly as its metadata names it */
  OIDC_ISSUER: z.url("must be a URL such as https://login.college.edu/realms/staff").optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  /** the button reads "Sign in with <OIDC_DISPLAY_NAME>" */
  OIDC_DISPLAY_NAME: z.string().trim().min(1).max(40).default("College"),
  /** the ID token claim (a string or a list of strings, e.g. `groups`) whose values grant the instructor role */
  OIDC_ROLE_CLAIM: z.string().trim().min(1).max(200).optional(),
  /** values of OIDC_ROLE_CLAIM that make an account an instructor (comma-separated); admin is never granted by a claim */
  OIDC_INSTRUCTOR_VALUES: list,
  /** `students-off`: students sign in only with single sign-on or a passkey; staff keep passwords (break-glass) */
  AUTH_PASSWORDS: z.enum(["on", "students-off"]).default("on"),
});

/** Single sign-on's settings, once all-or-none is checked (null: not configured). */
export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  displayName: string;
  roleClaim: string | null;
  instructorValues: string[];
}

/** The address inside a From value ("Name <a@b>" or "a@b"), or null when it is not one. */
export function mailFromAddress(value: string): string | null {
  const m = /^(?:[^<>\r\n]*<([^<>\s]+)>|([^<>\s]+))$/.exec(value.trim());
  const address = m?.[1] ?? m?.[2];
  return address && z.email().safeParse(address).success ? address : null;
}

export type Config = z.infer<typeof ConfigSchema> & {
  nextAuthSecret: string;
  /** OIDC_* when single sign-on is configured, else null */
  sso: SsoConfig | null;
  /** MAIL_FROM, or outside production "Rollcall <rollcall@APP_URL's host>" */
  mailFrom: string;
};

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1 && Intl.Collator.supportedLocalesOf([tag]).length === 1;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const HEX64 = /^[0-9a-fA-F]{64,}$/;
const SECRET_SETTINGS = new Set(["SECRET_KEY", "QR_SIGNING_SECRET", "QR_SIGNING_SECRET_PREVIOUS", "NEXTAUTH_SECRET"]);
const SSO_REQUIRED = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;

/** Single sign-on's rules across settings: all three or none, a role claim with its values, students-off needs SSO. */
export function ssoProblems(env: Record<string, string>, appEnv: string): string[] {
  const problems: string[] = [];
  const set = SSO_REQUIRED.filter((k) => env[k] !== undefined);
  if (set.length > 0 && set.length < SSO_REQUIRED.length) {
    const missing = SSO_REQUIRED.filter((k) => env[k] === undefined);
    problems.push(...missing.map((k) => `${k}: must be set too: single sign-on needs ${SSO_REQUIRED.join(", ")} (or none of them)`));
  }
  const sso = set.length === SSO_REQUIRED.length;
  if (!sso) {
    for (const k of ["OIDC_ROLE_CLAIM", "OIDC_INSTRUCTOR_VALUES"]) if (env[k] !== undefined) problems.push(`${k}: needs single sign-on (${SSO_REQUIRED.join(", ")})`);
    if (env.AUTH_PASSWORDS === "students-off") problems.push(`AUTH_PASSWORDS: students-off needs single sign-on (${SSO_REQUIRED.join(", ")}), or students could not sign in`);
  }
  if ((env.OIDC_ROLE_CLAIM === undefined) !== (env.OIDC_INSTRUCTOR_VALUES === undefined)) {
    problems.push(env.OIDC_ROLE_CLAIM === undefined ? "OIDC_ROLE_CLAIM: must be set with OIDC_INSTRUCTOR_VALUES (the claim to read them from)" : "OIDC_INSTRUCTOR_VALUES: must be set with OIDC_ROLE_CLAIM (the values that grant the instructor role)");
  }
  if (appEnv === "production" && sso && env.OIDC_ISSUER !== undefined && URL.canParse(env.OIDC_ISSUER) && new URL(env.OIDC_ISSUER).protocol !== "https:") {
    problems.push("OIDC_ISSUER: must be an https:// URL in production");
  }
  return problems;
}

type ProductionInputs = {
  SECRET_KEY?: string;
  QR_SIGNING_SECRET?: string;
  QR_SIGNING_SECRET_PREVIOUS?: string;
  NEXTAUTH_SECRET?: string;
  ACCESS_TOKEN_EXPIRE_MINUTES?: number;
  BCRYPT_ROUNDS?: number;
};

/** Rules that only production enforces; each message names the setting and the rule. */
export function productionProblems(c: ProductionInputs): string[] {
  const problems: string[] = [];
  const secrets = { SECRET_KEY: c.SECRET_KEY, QR_SIGNING_SECRET: c.QR_SIGNING_SECRET, QR_SIGNING_SECRET_PREVIOUS: c.QR_SIGNING_SECRET_PREVIOUS, NEXTAUTH_SECRET: c.NEXTAUTH_SECRET };
  for (const [name, value] of Object.entries(secrets)) {
    if (value !== undefined && !HEX64.test(value)) {
      // .env values are literal: `KEY=$(openssl rand -hex 32)` pasted from a shell recipe is never run
      const shell = /\$\(|`/.test(value) ? " (this value is shell syntax, which .env does not run: `npm run env:production` writes fresh secrets)" : "";
      problems.push(`${name}: must be at least 64 hex characters in production${shell}`);
    }
  }
  if (c.SECRET_KEY !== undefined && c.SECRET_KEY === c.QR_SIGNING_SECRET) problems.push("QR_SIGNING_SECRET: must differ from SECRET_KEY");
  if (c.NEXTAUTH_SECRET !== undefined && [c.SECRET_KEY, c.QR_SIGNING_SECRET].includes(c.NEXTAUTH_SECRET)) {
    problems.push("NEXTAUTH_SECRET: must differ from SECRET_KEY and QR_SIGNING_SECRET");
  }
  if (c.ACCESS_TOKEN_EXPIRE_MINUTES !== undefined && c.ACCESS_TOKEN_EXPIRE_MINUTES > 15) {
    problems.push("ACCESS_TOKEN_EXPIRE_MINUTES: must be at most 15 minutes");
  }
  if (c.BCRYPT_ROUNDS !== undefined && c.BCRYPT_ROUNDS < 12) problems.push("BCRYPT_ROUNDS: must be at least 12 in production");
  return problems;
}

const numberOrUndefined = (v: string | undefined) => (v === undefined || Number.isNaN(Number(v)) ? undefined : Number(v));

/** Pure: parse an environment into a Config or throw ConfigError listing every problem at once. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const appEnv = env.APP_ENV || (env.NODE_ENV === "production" ? "production" : "development");
  // Treat empty strings as unset so `FOO=` in .env falls back to the default.
  const cleaned: Record<string, string> = Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""),
  );
  const parsed = ConfigSchema.safeParse({ ...cleaned, APP_ENV: appEnv });
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`);
  if (appEnv === "production") {
    const prod = productionProblems({
      SECRET_KEY: cleaned.SECRET_KEY,
      QR_SIGNING_SECRET: cleaned.QR_SIGNING_SECRET,
      QR_SIGNING_SECRET_PREVIOUS: cleaned.QR_SIGNING_SECRET_PREVIOUS,
      NEXTAUTH_SECRET: cleaned.NEXTAUTH_SECRET,
      ACCESS_TOKEN_EXPIRE_MINUTES: numberOrUndefined(cleaned.ACCESS_TOKEN_EXPIRE_MINUTES),
      BCRYPT_ROUNDS: numberOrUndefined(cleaned.BCRYPT_ROUNDS) ?? 12,
    });
    // One message per setting: the production rule for a secret (the documented one) wins over
    // zod's generic length complaint; for every other setting zod's own complaint wins.
    const settingOf = (p: string) => p.split(":")[0]!;
    const prodSecrets = new Set(prod.map(settingOf).filter((k) => SECRET_SETTINGS.has(k)));
    const kept = problems.filter((p) => !prodSecrets.has(settingOf(p)));
    const flagged = new Set(kept.map(settingOf));
    problems.splice(0, problems.length, ...kept, ...prod.filter((p) => !flagged.has(settingOf(p))));
  } else if (cleaned.SECRET_KEY !== undefined && cleaned.SECRET_KEY === cleaned.QR_SIGNING_SECRET) {
    problems.push("QR_SIGNING_SECRET: must differ from SECRET_KEY");
  }
  if (cleaned.QR_SIGNING_SECRET_PREVIOUS !== undefined && cleaned.QR_SIGNING_SECRET_PREVIOUS === cleaned.QR_SIGNING_SECRET) {
    problems.push("QR_SIGNING_SECRET_PREVIOUS: must differ from QR_SIGNING_SECRET (remove it once a rotation is over)");
  }
  if (appEnv === "production" && cleaned.SMTP_URL !== undefined && cleaned.MAIL_FROM === undefined) {
    problems.push("MAIL_FROM: must be set when SMTP_URL is (the address mail comes from, e.g. Rollcall <rollcall@college.edu>)");
  }
  problems.push(...ssoProblems(cleaned, appEnv));
  if (parsed.success && parsed.data.QR_ROTATION_SECONDS >= parsed.data.QR_EXPIRY_SECONDS) {
    problems.push("QR_ROTATION_SECONDS: must be shorter than QR_EXPIRY_SECONDS");
  }
  if (problems.length || !parsed.success) throw new ConfigError(problems);
  const c = parsed.data;
  const sso: SsoConfig | null =
    c.OIDC_ISSUER && c.OIDC_CLIENT_ID && c.OIDC_CLIENT_SECRET
      ? { issuer: c.OIDC_ISSUER, clientId: c.OIDC_CLIENT_ID, clientSecret: c.OIDC_CLIENT_SECRET, displayName: c.OIDC_DISPLAY_NAME, roleClaim: c.OIDC_ROLE_CLAIM ?? null, instructorValues: c.OIDC_INSTRUCTOR_VALUES }
      : null;
  return { ...c, nextAuthSecret: c.NEXTAUTH_SECRET ?? deriveSecret(c.SECRET_KEY, "nextauth"), mailFrom: c.MAIL_FROM ?? defaultMailFrom(c.APP_URL), sso };
}

function defaultMailFrom(appUrl: string): string {
  const host = new URL(appUrl).hostname;
  return `Rollcall <rollcall@${host.includes(".") ? host : `${host}.localdomain`}>`;
}

function deriveSecret(key: string, purpose: string): string {
  // Derived, not shared: a leaked next-auth secret does not reveal SECRET_KEY.
  return createHmac("sha256", key).update(`rollcall:${purpose}`).digest("hex");
}

let cached: Config | undefined;

/** The validated settings of this process (read once). */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** PORT alone, for a setup step that runs before the secrets exist (`npm run quickstart`). */
export function configuredPort(): number {
  return ConfigSchema.shape.PORT.parse(process.env.PORT);
}

/** Whether test-only hooks (the request clock override) are honoured. Never in production. */
export function testHooksEnabled(c: Config = getConfig()): boolean {
  return c.APP_ENV === "test";
}

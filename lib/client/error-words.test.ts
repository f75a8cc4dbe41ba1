import { describe, expect, it } from "vitest";
import { ERROR_STATUS } from "../errors";
import { clientError } from "./call-api";
import { ERROR_WORDS, fieldErrors, fieldOf, inAbout, wordsFor } from "./error-words";

const API_INTERNAL = /invalid (body|query)|body\.|query\.|params\.|[a-z]+_[a-z_]+|\d{4}-\d\d-\d\dT/i;

describe("plain words for every error code", () => {
  it("covers every code in ERROR_STATUS, plus offline", () => {
    expect(Object.keys(ERROR_WORDS).sort()).toEqual([...Object.keys(ERROR_STATUS), "offline"].sort());
  });

  it.each(Object.keys(ERROR_WORDS))("%s reads as plain words (no codes, paths or ISO times)", (code) => {
    const { title, text } = wordsFor(code, { retryAfterSeconds: 42, details: { attendance_count: 3 } });
    expect(title.length).toBeGreaterThan(3);
    expect(text).toMatch(/\.$/);
    expect(`${title} ${text}`).not.toMatch(API_INTERNAL);
  });

  it("says how long to wait", () => {
    expect(wordsFor("rate_limited", { retryAfterSeconds: 42 }).text).toContain("in about 42 seconds");
    expect(wordsFor("account_locked", { retryAfterSeconds: 300 }).text).toContain("in about 5 minutes");
    expect(inAbout(undefined)).toBe("in a moment");
    expect(inAbout(1)).toBe("in about 1 second");
  });

  it("gives unknown codes (a newer server) the generic words", () => {
    expect(wordsFor("brand_new_code")).toEqual(wordsFor("internal_error"));
    expect(clientError("brand_new_code", 418).code).toBe("internal_error");
  });
});

describe("validation errors are words next to their fields", () => {
  it("names the field without the API's prefixes or array indexes", () => {
    expect(fieldOf("body.short_code")).toBe("short_code");
    expect(fieldOf("body.geofence.lat")).toBe("geofence.lat");
    expect(fieldOf("body.allowed_cidrs.2")).toBe("allowed_cidrs");
    expect(fieldOf("body")).toBe("");
  });

  it("maps a mistyped short code to words for the code field, and uses them as the message", () => {
    const details = [{ path: "body.short_code", code: "invalid_format", message: "must be the 6 characters shown under the code" }];
    const e = clientError("validation_failed", 400, details);
    expect(e.fields).toEqual({ short_code: expect.stringContaining("6 characters shown under the code on the screen") });
    expect(e.message).toBe(e.fields.short_code);
    expect(e.message).not.toMatch(API_INTERNAL);
  });

  it("flags every invalid field at once; the message then points at the fields", () => {
    const details = [
      { path: "body.title", code: "too_small", message: "x" },
      { path: "body.ends_at", code: "custom", message: "ends_at must be after starts_at" },
      { path: "body.ends_at", code: "custom", message: "second problem" },
      { path: "body.weird_field", code: "custom", message: "x" },
    ];
    const e = clientError("validation_failed", 400, details);
    expect(Object.keys(e.fields)).toEqual(["title", "ends_at", "weird_field"]);
    expect(e.fields.weird_field).toBe("This value is not valid.");
    expect(e.message).toBe(wordsFor("validation_failed").text);
    expect(fieldErrors("not an array")).toEqual({});
  });
});

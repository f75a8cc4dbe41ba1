// The contract check that every integration test's request goes through (tests/support/api.ts →
// tests/support/contract.ts) must itself be able to fail: it is what proves the OpenAPI document
// (lib/openapi) describes what the server really answers (issue 21).
import { describe, expect, it } from "vitest";
import { get } from "../support/api";
import { contractMismatch } from "../support/contract";
import { createAdminWithToken } from "../support/factories";
import { createCourse } from "../support/courses";

const json = "application/json";

describe("the API contract check", () => {
  it("accepts real answers and names what is wrong with a body, a status, a media type or a path", async () => {
    const { token } = await createAdminWithToken();
    const course = await createCourse(token);
    // a real report passes (the request itself is checked, and this repeats it by hand)
    const report = await get(`/api/courses/${course.id}/report`, { token });
    expect(report.status).toBe(200);
    expect(contractMismatch("GET", `/api/courses/${course.id}/report`, 200, json, report.body)).toBeNull();
    // the same report with a field missing, a count of the wrong type, an unknown cell
    const { rate_distribution: _, ...withoutBins } = report.body as Record<string, unknown>;
    expect(contractMismatch("GET", `/api/courses/${course.id}/report`, 200, json, withoutBins)).toMatch(/rate_distribution/);
    expect(contractMismatch("GET", `/api/courses/${course.id}/report`, 200, json, { ...report.body, sessions_held: "3" })).toMatch(/sessions_held/);
    const student = { enrollment_id: "e", user_id: null, full_name: "A", email: "a@b.c", student_number: null, present: 0, late: 0, excused: 0, absent: 0, attended: 0, sessions_held: 0, rate: null };
    expect(contractMismatch("GET", `/api/courses/${course.id}/report`, 200, json, { ...report.body, students: [{ ...student, cells: ["X"] }] })).toMatch(/cells/);
    // an error must have the one error shape
    expect(contractMismatch("GET", "/api/auth/me", 401, json, { error: { code: "unauthenticated", message: "Log in." } })).toBeNull();
    expect(contractMismatch("GET", "/api/auth/me", 401, json, { message: "Log in." })).toMatch(/error/);
    // a status no response lists, a media type the operation does not answer, a path it does not have
    expect(contractMismatch("GET", "/api/auth/me", 302, "text/html", "")).toMatch(/status 302 is not listed/);
    expect(contractMismatch("GET", `/api/courses/${course.id}/report.csv`, 200, json, {})).toMatch(/not a documented media type/);
    expect(contractMismatch("GET", `/api/courses/${course.id}/report.csv`, 200, "text/csv; charset=utf-8", "a;b")).toBeNull();
    expect(contractMismatch("GET", "/api/no-such-thing", 200, json, {})).toMatch(/no operation/);
    expect(contractMismatch("PUT", "/api/auth/me", 200, json, {})).toMatch(/not an operation/);
    expect(contractMismatch("GET", "/api/auth/me", 200, "text/html", "<p>")).toMatch(/not a documented media type/);
    expect(contractMismatch("PUT", "/api/auth/me", 405, json, { error: { code: "method_not_allowed", message: "No." } })).toBeNull();
  });
});

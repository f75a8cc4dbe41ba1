// Arrange courses and rosters for integration tests through the real API.
import { expect } from "vitest";
import { shortId } from "@/lib/random";
import { post, request, type ApiResponse } from "./api";

export const courseCode = () => `CS${shortId().slice(0, 6)}`;

export async function createCourse(token: string, extra: Record<string, unknown> = {}) {
  const res = await post("/api/courses", { code: courseCode(), title: "Algorithms", term_label: "2026 Autumn", ...extra }, { token });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; code: string; title: string; term_label: string; threshold_percent: number };
}

export function importCsv(token: string, courseId: string, csv: string | Buffer, query = "", contentType = "text/csv"): Promise<ApiResponse> {
  return request("POST", `/api/courses/${courseId}/enrollments/import${query ? `?${query}` : ""}`, { token, raw: csv, headers: { "content-type": contentType } });
}

/** A CSV of `emails` with generated names. */
export const rosterCsv = (emails: string[], header = "email,name,student_number") =>
  [header, ...emails.map((e, i) => `${e},Student ${i + 1},N${i + 1}`)].join("\n") + "\n";

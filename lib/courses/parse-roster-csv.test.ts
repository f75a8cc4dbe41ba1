import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { MAX_ROSTER_ROWS, parseRosterCsv } from "./parse-roster-csv";

function fails(text: string): AppError {
  try {
    parseRosterCsv(text);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("parseRosterCsv", () => {
  it("reads a plain comma file, normalising emails and names", () => {
    const r = parseRosterCsv("email,name,student_number\n  Ada@College.EDU ,  Ada   Lovelace ,S1\nbob@college.edu,Bob,\n");
    expect(r.delimiter).toBe(",");
    expect(r.rows).toEqual([
      { line: 2, email: "ada@college.edu", full_name: "Ada Lovelace", student_number: "S1" },
      { line: 3, email: "bob@college.edu", full_name: "Bob", student_number: null },
    ]);
    expect(r.invalid).toEqual([]);
  });

  it("handles a BOM, ';', CRLF, headers in any order and case, quoted separators and newlines, blank lines", () => {
    const text = '\uFEFFID;Full_Name;E-Mail\r\n\r\n7;"Lovelace; Ada";ada@x.edu\r\n8;"Smith\r\nBob";bob@x.edu\r\n;;\r\n\r\n9;Carl;carl@x.edu\r\n';
    const r = parseRosterCsv(text);
    expect(r.delimiter).toBe(";");
    expect(r.rows).toEqual([
      { line: 3, email: "ada@x.edu", full_name: "Lovelace; Ada", student_number: "7" },
      { line: 4, email: "bob@x.edu", full_name: "Smith Bob", student_number: "8" },
      { line: 8, email: "carl@x.edu", full_name: "Carl", student_number: "9" },
    ]);
    expect(r.invalid).toEqual([]);
  });

  it("accepts the header aliases and ignores unknown columns", () => {
    const r = parseRosterCsv("Programme,Name,Email Address,Student ID\nCS,Ada,ada@x.edu,1\n");
    expect(r.rows).toEqual([{ line: 2, email: "ada@x.edu", full_name: "Ada", student_number: "1" }]);
  });

  it("reports invalid rows with their line and reason, and duplicates once (not doubled)", () => {
    const text = ["email,name", "ada@x.edu,Ada", "not-an-email,Bob", ",Carl", "dan@x.edu,", "ADA@x.edu,Ada again", `eve@x.edu,${"e".repeat(121)}`, "fay@x.edu,Fay"].join("\n");
    const r = parseRosterCsv(text);
    expect(r.rows.map((x) => x.email)).toEqual(["ada@x.edu", "fay@x.edu"]);
    expect(r.invalid).toEqual([
      { line: 3, reason: "invalid email: not-an-email", email: null },
      { line: 4, reason: "missing email", email: null },
      { line: 5, reason: "missing name", email: "dan@x.edu" },
      { line: 6, reason: "duplicate of line 2 (ada@x.edu)", email: "ada@x.edu" },
      { line: 7, reason: "name is longer than 120 characters", email: "eve@x.edu" },
    ]);
  });

  it("keeps names to the one name rule: invisible characters stripped, a blank-looking name refused", () => {
    const r = parseRosterCsv("email,name\nada@x.edu,Ada\u202E ecalevoL\nbob@x.edu,\u200B\u3164\n");
    expect(r.rows).toEqual([{ line: 2, email: "ada@x.edu", full_name: "Ada ecalevoL", student_number: null }]);
    expect(r.invalid).toEqual([{ line: 3, reason: "missing name", email: "bob@x.edu" }]);
  });

  it("reports a malformed record (an unclosed quote) as an invalid row, keeping the rows before it", () => {
    const r = parseRosterCsv('email,name\nada@x.edu,Ada\nbob@x.edu,"Bob\n');
    expect(r.rows.map((x) => x.email)).toEqual(["ada@x.edu"]);
    expect(r.invalid).toHaveLength(1);
    expect(r.invalid[0]).toMatchObject({ line: 3, email: null });
    expect(r.invalid[0]!.reason).toMatch(/^malformed CSV: /);
  });

  it("refuses an empty file, a header without email or name, and a repeated column", () => {
    expect(fails("").code).toBe("roster_csv_invalid");
    expect(fails("\uFEFF\n\n").code).toBe("roster_csv_invalid");
    const noEmail = fails("name,id\nAda,1\n");
    expect([noEmail.status, noEmail.code]).toEqual([400, "roster_csv_invalid"]);
    expect(noEmail.details).toMatchObject({ missing: ["email"] });
    expect(fails("email,e-mail,name\n").message).toMatch(/twice/);
  });

  it(`takes ${MAX_ROSTER_ROWS} rows and refuses one more with 413 naming the limit`, () => {
    const rows = (n: number) => ["email,name", ...Array.from({ length: n }, (_, i) => `s${i}@x.edu,Student ${i}`)].join("\n");
    expect(parseRosterCsv(rows(MAX_ROSTER_ROWS)).rows).toHaveLength(MAX_ROSTER_ROWS);
    const e = fails(rows(MAX_ROSTER_ROWS + 1));
    expect([e.status, e.code]).toEqual([413, "roster_too_large"]);
    expect(e.details).toEqual({ limit: MAX_ROSTER_ROWS, rows: MAX_ROSTER_ROWS + 1 });
    expect(e.message).toContain("5000");
  });
});

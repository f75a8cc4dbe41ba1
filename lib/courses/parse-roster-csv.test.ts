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
      { line: 2, email: "ada@college.edu", full_name: "Ada Lovelace", given_name: null, family_name: null, student_number: "S1" },
      { line: 3, email: "bob@college.edu", full_name: "Bob", given_name: null, family_name: null, student_number: null },
    ]);
    expect(r.invalid).toEqual([]);
  });

  it("handles a BOM, ';', CRLF, headers in any order and case, quoted separators and newlines, blank lines", () => {
    const text = '\uFEFFID;Full_Name;E-Mail\r\n\r\n7;"Lovelace; Ada";ada@x.edu\r\n8;"Smith\r\nBob";bob@x.edu\r\n;;\r\n\r\n9;Carl;carl@x.edu\r\n';
    const r = parseRosterCsv(text);
    expect(r.delimiter).toBe(";");
    expect(r.rows).toEqual([
      { line: 3, email: "ada@x.edu", full_name: "Lovelace; Ada", given_name: null, family_name: null, student_number: "7" },
      { line: 4, email: "bob@x.edu", full_name: "Smith Bob", given_name: null, family_name: null, student_number: "8" },
      { line: 8, email: "carl@x.edu", full_name: "Carl", given_name: null, family_name: null, student_number: "9" },
    ]);
    expect(r.invalid).toEqual([]);
  });

  it("accepts the header aliases and ignores unknown columns", () => {
    const r = parseRosterCsv("Programme,Name,Email Address,Student ID\nCS,Ada,ada@x.edu,1\n");
    expect(r.rows).toEqual([{ line: 2, email: "ada@x.edu", full_name: "Ada", given_name: null, family_name: null, student_number: "1" }]);
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
    expect(r.rows).toEqual([{ line: 2, email: "ada@x.edu", full_name: "Ada ecalevoL", given_name: null, family_name: null, student_number: null }]);
    expect(r.invalid).toEqual([{ line: 3, reason: "missing name", email: "bob@x.edu" }]);
  });

  it("reports a malformed record (an unclosed quote) as an invalid row, keeping the rows before it", () => {
    const r = parseRosterCsv('email,name\nada@x.edu,Ada\nbob@x.edu,"Bob\n');
    expect(r.rows.map((x) => x.email)).toEqual(["ada@x.edu"]);
    expect(r.invalid).toHaveLength(1);
    expect(r.invalid[0]).toMatchObject({ line: 3, email: null });
    expect(r.invalid[0]!.reason).toBe('unreadable row: a cell opens a quote (") that is never closed');
  });

  it("refuses an empty file, a header without email or name, and a repeated column", () => {
    expect(fails("").code).toBe("roster_csv_invalid");
    expect(fails("\uFEFF\n\n").code).toBe("roster_csv_invalid");
    const noEmail = fails("name,id\nAda,1\n");
    expect([noEmail.status, noEmail.code]).toEqual([400, "roster_csv_invalid"]);
    expect(noEmail.details).toMatchObject({ missing: ["email"] });
    expect(noEmail.message).not.toMatch(/full_name|student_number/);
    expect(fails("id;matrikel\n1;2\n").details).toMatchObject({ missing: ["email", "name"] });
    const twice = fails("email,e-mail,name\n");
    expect(twice.message).toBe('The first line names the email address twice ("email" and "e-mail"). Delete one of the two columns and import again.');
  });

  it(`takes ${MAX_ROSTER_ROWS} rows and refuses one more with 413 naming the limit`, () => {
    const rows = (n: number) => ["email,name", ...Array.from({ length: n }, (_, i) => `s${i}@x.edu,Student ${i}`)].join("\n");
    expect(parseRosterCsv(rows(MAX_ROSTER_ROWS)).rows).toHaveLength(MAX_ROSTER_ROWS);
    const e = fails(rows(MAX_ROSTER_ROWS + 1));
    expect([e.status, e.code]).toEqual([413, "roster_too_large"]);
    expect(e.details).toEqual({ limit: MAX_ROSTER_ROWS, rows: MAX_ROSTER_ROWS + 1 });
    expect(e.message).toContain("5000");
  });

  it.each([
    ["Moodle participants", "First name,Last name,ID number,Email address\nJürgen,Müller,2026001,jm@x.edu\n", { given: "Jürgen", family: "Müller", full: "Jürgen Müller", number: "2026001" }],
    ["Surname", "First name;Surname;E-Mail\nAda;Lovelace;jm@x.edu\n", { given: "Ada", family: "Lovelace", full: "Ada Lovelace", number: null }],
    ["given/family", "Given name,Family name,Email,Student ID\nGrace,Hopper,jm@x.edu,S2\n", { given: "Grace", family: "Hopper", full: "Grace Hopper", number: "S2" }],
    ["German SIS", "Matrikelnummer;Nachname;Vorname;E-Mail\n4711;Weiß;Änne;jm@x.edu\n", { given: "Änne", family: "Weiß", full: "Änne Weiß", number: "4711" }],
    ["German E-Mail-Adresse, Name = surname", "Name;Vorname;E-Mail-Adresse\nMüller;Jürgen;jm@x.edu\n", { given: "Jürgen", family: "Müller", full: "Jürgen Müller", number: null }],
    ["English Name = first name", "Name,Surname,Email\nAlan,Turing,jm@x.edu\n", { given: "Alan", family: "Turing", full: "Alan Turing", number: null }],
    ["French SIS", "Numéro étudiant;Nom;Prénom;Courriel\n21001;Lefèvre;Chloé;jm@x.edu\n", { given: "Chloé", family: "Lefèvre", full: "Chloé Lefèvre", number: "21001" }],
    ["Spanish SIS", "Matrícula;Apellidos;Nombre;Correo electrónico\nA1;Núñez García;José;jm@x.edu\n", { given: "José", family: "Núñez García", full: "José Núñez García", number: "A1" }],
    ["Canvas gradebook", '"Student","ID","SIS User ID","Email"\n"Lovelace, Ada","4711","S-1","jm@x.edu"\n', { given: "Ada", family: "Lovelace", full: "Ada Lovelace", number: "S-1" }],
    ["Canvas users", "canvas_user_id,first_name,last_name,full_name,sortable_name,email\n7,Ada,Lovelace,Ada King Lovelace,\"Lovelace, Ada\",jm@x.edu\n", { given: "Ada", family: "Lovelace", full: "Ada King Lovelace", number: null }],
    ["one name column", "student_number\tE-Mail-Adresse\tFull name\nN1\tjm@x.edu\tAda Lovelace\n", { given: null, family: null, full: "Ada Lovelace", number: "N1" }],
    ["id only", "ID,email address,name\n77,jm@x.edu,Ada\n", { given: null, family: null, full: "Ada", number: "77" }],
  ])("reads the %s header", (_what, text, want) => {
    const r = parseRosterCsv(text);
    expect(r.invalid).toEqual([]);
    expect(r.rows).toEqual([{ line: 2, email: "jm@x.edu", full_name: want.full, given_name: want.given, family_name: want.family, student_number: want.number }]);
  });

  it("names the header cells it read each column from, in file order", () => {
    expect(parseRosterCsv("Groups;Matrikelnummer;Nachname;Vorname;E-Mail\nA;1;Weiß;Änne;a@x.edu\n").columns).toEqual({
      student_number: "Matrikelnummer", family_name: "Nachname", given_name: "Vorname", email: "E-Mail",
    });
    expect(Object.keys(parseRosterCsv('"Student","ID","SIS User ID","Email"\n').columns)).toEqual(["sortable_name", "student_number", "email"]);
  });

  it("reports a bad first or last name with its line", () => {
    const r = parseRosterCsv(`First name,Last name,Email\nAda,${"x".repeat(121)},a@x.edu\n,,b@x.edu\n`);
    expect(r.invalid).toEqual([
      { line: 2, reason: "name is longer than 120 characters", email: "a@x.edu" },
      { line: 3, reason: "missing name", email: "b@x.edu" },
    ]);
  });
});

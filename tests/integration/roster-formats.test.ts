// Roster files as lecturers have them (docs/roster-samples/, the same files the docs offer):
// Moodle, Canvas, German, French and Spanish registries; UTF-8 with and without a BOM, UTF-16 LE
// and BE, Windows-1252; split name columns stored as given and family name. Undecidable
// encodings are refused and write nothing. Expected names are written out by hand below.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectError, get } from "../support/api";
import { createCourse, importCsv } from "../support/courses";
import { testDb } from "../support/db";
import { createAdminWithToken } from "../support/factories";

const sample = (name: string) => fs.readFileSync(path.join("docs/roster-samples", name));

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});

type Person = [email: string, full: string, given: string | null, family: string | null, number: string | null];

const SAMPLES: { file: string; encoding: string; delimiter: string; columns: Record<string, string>; people: Person[]; invalid?: { line: number; reason: string }[] }[] = [
  {
    file: "moodle-participants.csv",
    encoding: "UTF-8 with BOM",
    delimiter: ",",
    columns: { given_name: "First name", family_name: "Last name", student_number: "ID number", email: "Email address" },
    people: [
      ["juergen.mueller@students.example.edu", "Jürgen Müller", "Jürgen", "Müller", "2026001"],
      ["chloe.lefevre@students.example.edu", "Chloé Lefèvre", "Chloé", "Lefèvre", "2026002"],
      ["jose.nunez@students.example.edu", "José Núñez García", "José", "Núñez García", "2026003"],
      ["ada.lovelace@students.example.edu", "Ada Lovelace", "Ada", "Lovelace", "2026004"],
    ],
  },
  {
    file: "moodle-participants-windows-1252.csv",
    encoding: "Windows-1252",
    delimiter: ",",
    columns: { given_name: "First name", family_name: "Last name", email: "Email address" },
    people: [
      ["juergen.mueller@students.example.edu", "Jürgen Müller", "Jürgen", "Müller", null],
      ["zoe.aeroeskoebing@students.example.edu", "Zoë Ærøskøbing", "Zoë", "Ærøskøbing", null],
      ["francois.duboeuf@students.example.edu", "François Dubœuf", "François", "Dubœuf", null],
      ["ana.sostar@students.example.edu", "Ana Šoštar", "Ana", "Šoštar", null],
    ],
  },
  {
    file: "canvas-gradebook.csv",
    encoding: "UTF-8",
    delimiter: ",",
    columns: { sortable_name: "Student", student_number: "SIS User ID", email: "Email" },
    people: [
      ["ada.lovelace@students.example.edu", "Ada Lovelace", "Ada", "Lovelace", "S-1001"],
      ["jose.nunez@students.example.edu", "José Núñez García", "José", "Núñez García", "S-1002"],
      ["chloe.lefevre@students.example.edu", "Chloé Lefèvre", "Chloé", "Lefèvre", "S-1003"],
    ],
    invalid: [{ line: 2, reason: "missing email" }], // Canvas's "Points Possible" row
  },
  {
    file: "german-sis-windows-1252.csv",
    encoding: "Windows-1252",
    delimiter: ";",
    columns: { student_number: "Matrikelnummer", family_name: "Nachname", given_name: "Vorname", email: "E-Mail" },
    people: [
      ["juergen.mueller@students.example.edu", "Jürgen Müller", "Jürgen", "Müller", "4711001"],
      ["aenne.weiss@students.example.edu", "Änne Weiß", "Änne", "Weiß", "4711002"],
      ["bjoern.oezdemir@students.example.edu", "Björn Groß-Özdemir", "Björn", "Groß-Özdemir", "4711003"],
    ],
  },
  {
    file: "german-name-vorname.csv",
    encoding: "UTF-8",
    delimiter: ";",
    columns: { family_name: "Name", given_name: "Vorname", email: "E-Mail-Adresse", student_number: "Matr.-Nr." },
    people: [
      ["juergen.mueller@students.example.edu", "Jürgen Müller", "Jürgen", "Müller", "4711001"],
      ["aenne.weiss@students.example.edu", "Änne Weiß", "Änne", "Weiß", "4711002"],
    ],
  },
  {
    file: "french-sis-utf16le.txt",
    encoding: "UTF-16 LE",
    delimiter: "\t",
    columns: { student_number: "Numéro étudiant", family_name: "Nom", given_name: "Prénom", email: "Courriel" },
    people: [
      ["chloe.lefevre@etudiants.example.fr", "Chloé Lefèvre", "Chloé", "Lefèvre", "21001"],
      ["francois.duboeuf@etudiants.example.fr", "François Dubœuf", "François", "Dubœuf", "21002"],
      ["aissatou.ndiaye@etudiants.example.fr", "Aïssatou N'Diaye", "Aïssatou", "N'Diaye", "21003"],
    ],
  },
  {
    file: "spanish-sis-utf16be.csv",
    encoding: "UTF-16 BE",
    delimiter: ";",
    columns: { student_number: "Matrícula", family_name: "Apellidos", given_name: "Nombre", email: "Correo electrónico" },
    people: [
      ["jose.nunez@alumnos.example.es", "José Núñez García", "José", "Núñez García", "A0001"],
      ["maria.pena@alumnos.example.es", "María Begoña Peña Ibáñez", "María Begoña", "Peña Ibáñez", "A0002"],
    ],
  },
  {
    file: "given-family-names.csv",
    encoding: "UTF-8",
    delimiter: ",",
    columns: { given_name: "Given name", family_name: "Family name", email: "E-mail address", student_number: "Student ID" },
    people: [
      ["ada.lovelace@students.example.edu", "Ada Lovelace", "Ada", "Lovelace", "S1"],
      ["grace.hopper@students.example.edu", "Grace Hopper", "Grace", "Hopper", "S2"],
    ],
  },
  {
    file: "name-surname.csv",
    encoding: "UTF-8",
    delimiter: ",",
    columns: { given_name: "Name", family_name: "Surname", email: "Email" },
    people: [
      ["ada.lovelace@students.example.edu", "Ada Lovelace", "Ada", "Lovelace", null],
      ["alan.turing@students.example.edu", "Alan Turing", "Alan", "Turing", null],
    ],
  },
];

describe("roster samples import as lecturers have them", () => {
  it("every file in docs/roster-samples is covered here", () => {
    const files = fs.readdirSync("docs/roster-samples").filter((f) => f !== "README.md").sort();
    expect(files).toEqual(SAMPLES.map((s) => s.file).sort());
  });

  it.each(SAMPLES)("$file: read as $encoding, previewed, applied with given and family names", async (s) => {
    const course = await createCourse(admin.token);
    const preview = await importCsv(admin.token, course.id, sample(s.file), "dry_run=true");
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({ encoding: s.encoding, delimiter: s.delimiter, columns: s.columns });
    expect(preview.body.invalid).toEqual(s.invalid ?? []);
    const asRows = (people: Person[]) => people.map(([email, full_name, given_name, family_name, student_number]) => ({ email, full_name, given_name, family_name, student_number }));
    expect(preview.body.added.map(({ email, full_name, given_name, family_name, student_number }: Record<string, unknown>) => ({ email, full_name, given_name, family_name, student_number }))).toEqual(asRows(s.people));

    const applied = await importCsv(admin.token, course.id, sample(s.file));
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.summary).toMatchObject({ added: s.people.length, invalid: (s.invalid ?? []).length });
    const db = await testDb();
    const stored = await db.enrollment.findMany({ where: { courseId: course.id }, select: { email: true, fullName: true, givenName: true, familyName: true, studentNumber: true } });
    expect(stored.map((e) => [e.email, e.fullName, e.givenName, e.familyName, e.studentNumber]).sort()).toEqual([...s.people].sort());

    const again = await importCsv(admin.token, course.id, sample(s.file));
    expect(again.body.summary).toMatchObject({ added: 0, updated: 0, already_enrolled: s.people.length });
  });

  it("a Windows-1252 re-save of a UTF-8 export changes nobody's name (no M�ller overwriting Müller)", async () => {
    const course = await createCourse(admin.token);
    expect((await importCsv(admin.token, course.id, sample("moodle-participants.csv"))).status).toBe(200);
    const resaved = await importCsv(admin.token, course.id, sample("moodle-participants-windows-1252.csv"), "dry_run=false&mode=merge");
    expect(resaved.body.encoding).toBe("Windows-1252");
    expect(resaved.body.already_enrolled.map((r: { full_name: string }) => r.full_name)).toEqual(["Jürgen Müller"]);
    expect(resaved.body.updated).toEqual([]);
    const db = await testDb();
    const juergen = await db.enrollment.findFirstOrThrow({ where: { courseId: course.id, email: "juergen.mueller@students.example.edu" } });
    expect([juergen.fullName, juergen.studentNumber]).toEqual(["Jürgen Müller", "2026001"]);
  });

  it("a file in an encoding it cannot tell (Windows-1250) is refused with 'save as CSV UTF-8', and nothing is written", async () => {
    const course = await createCourse(admin.token);
    const polish = fs.readFileSync("tests/fixtures/roster/polish-windows-1250.csv");
    for (const query of ["dry_run=true", "dry_run=false"]) {
      const e = expectError(await importCsv(admin.token, course.id, polish, query), 400, "text_encoding_unknown");
      expect(e.message).toContain("CSV UTF-8");
    }
    const workbook = expectError(await importCsv(admin.token, course.id, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), "", "application/vnd.ms-excel"), 400, "text_encoding_unknown");
    expect(workbook.details).toEqual({ reason: "workbook" });
    const db = await testDb();
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("a header without email or name columns is refused in plain words, naming no internal field", async () => {
    const course = await createCourse(admin.token);
    const e = expectError(await importCsv(admin.token, course.id, "Matrikelnummer;Gruppe\n4711;A\n"), 400, "roster_csv_invalid");
    expect(e.message).toMatch(/^The first line of the file does not name a column for the email address or the name\. It reads: "Matrikelnummer;Gruppe"\./);
    expect(e.message).not.toMatch(/full_name|student_number|_/);
    expect(e.details).toMatchObject({ missing: ["email", "name"] });
  });

  it("the roster lists students by family name", async () => {
    const course = await createCourse(admin.token);
    await importCsv(admin.token, course.id, sample("german-sis-windows-1252.csv"));
    await importCsv(admin.token, course.id, sample("name-surname.csv"));
    const list = await get(`/api/courses/${course.id}/enrollments`, { token: admin.token });
    expect(list.body.items.map((e: { family_name: string }) => e.family_name)).toEqual(["Groß-Özdemir", "Lovelace", "Müller", "Turing", "Weiß"]);
  });
});

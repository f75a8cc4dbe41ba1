import { describe, expect, it } from "vitest";
import { planChangesNothing, planRosterImport, type CurrentEnrollment } from "./plan-roster-import";

const row = (line: number, email: string, full_name = email.split("@")[0]!, student_number: string | null = null, given_name: string | null = null, family_name: string | null = null) => ({
  line, email, full_name, given_name, family_name, student_number,
});
const current = (id: string, email: string, extra: Partial<CurrentEnrollment> = {}): CurrentEnrollment => ({
  id, email, fullName: email.split("@")[0]!, givenName: null, familyName: null, studentNumber: null, droppedAt: null, ...extra,
});

describe("planRosterImport", () => {
  const roster = [current("e1", "ada@x.edu", { studentNumber: "S1" }), current("e2", "bob@x.edu"), current("e3", "cy@x.edu", { droppedAt: new Date(0) }), current("e4", "dee@x.edu")];

  it("merge: adds new and dropped students, leaves the enrolled alone, corrects names, drops nobody", () => {
    const plan = planRosterImport(roster, [row(2, "ada@x.edu"), row(3, "bob@x.edu", "Bob Smith"), row(4, "cy@x.edu"), row(5, "eve@x.edu")], [], "merge");
    expect(plan.add).toEqual([{ ...row(4, "cy@x.edu"), id: "e3" }, { ...row(5, "eve@x.edu"), id: null }]);
    expect(plan.already).toEqual([row(2, "ada@x.edu", "ada", "S1")]);
    expect(plan.update).toEqual([{ ...row(3, "bob@x.edu", "Bob Smith"), id: "e2", was: { full_name: "bob", student_number: null } }]);
    expect(plan.drop).toEqual([]);
  });

  it("replace: drops the enrolled students the file does not name, except those on an invalid row", () => {
    const plan = planRosterImport(roster, [row(2, "ada@x.edu")], [{ line: 3, reason: "missing name", email: "bob@x.edu" }, { line: 4, reason: "missing email", email: null }], "replace");
    expect(plan.drop.map((d) => d.id)).toEqual(["e4"]);
  });

  it("importing the same file again plans nothing", () => {
    const first = planRosterImport([], [row(2, "ada@x.edu", "Ada", "S1")], [], "replace");
    expect(first.add).toHaveLength(1);
    const after = [current("e1", "ada@x.edu", { fullName: "Ada", studentNumber: "S1" })];
    const again = planRosterImport(after, [row(2, "ada@x.edu", "Ada", "S1")], [], "replace");
    expect(planChangesNothing(again)).toBe(true);
    expect(planChangesNothing(planRosterImport(after, [row(2, "ada@x.edu", "Ada", null)], [], "replace"))).toBe(true);
  });

  it("split names: a file with them sets given and family name; a file without them never erases them", () => {
    const named = [current("e1", "ada@x.edu", { fullName: "Ada Lovelace" })];
    const split = planRosterImport(named, [row(2, "ada@x.edu", "Ada Lovelace", null, "Ada", "Lovelace")], [], "merge");
    expect(split.update).toEqual([{ ...row(2, "ada@x.edu", "Ada Lovelace", null, "Ada", "Lovelace"), id: "e1", was: { full_name: "Ada Lovelace", student_number: null } }]);
    const stored = [current("e1", "ada@x.edu", { fullName: "Ada Lovelace", givenName: "Ada", familyName: "Lovelace" })];
    const plain = planRosterImport(stored, [row(2, "ada@x.edu", "Ada Lovelace")], [], "merge");
    expect(planChangesNothing(plain)).toBe(true);
    expect(plain.already).toEqual([row(2, "ada@x.edu", "Ada Lovelace", null, "Ada", "Lovelace")]);
  });
});

// What importing a parsed roster would change, given the course's current enrolments. Pure, so
// the dry run and the real import plan exactly the same way.
import type { InvalidRow, RosterRow } from "./parse-roster-csv";

export type ImportMode = "merge" | "replace";

export interface CurrentEnrollment {
  id: string;
  email: string;
  fullName: string;
  givenName: string | null;
  familyName: string | null;
  studentNumber: string | null;
  droppedAt: Date | null;
}

export interface RosterPlan {
  /** not on the roster yet (id null), or dropped earlier and enrolled again (id set) */
  add: (RosterRow & { id: string | null })[];
  already: RosterRow[];
  /** enrolled, but the file corrects the name or adds a student number */
  update: (RosterRow & { id: string; was: { full_name: string; student_number: string | null } })[];
  /** replace mode: enrolled, but not in the file */
  drop: CurrentEnrollment[];
}

export function planRosterImport(current: CurrentEnrollment[], rows: RosterRow[], invalid: InvalidRow[], mode: ImportMode): RosterPlan {
  const byEmail = new Map(current.map((e) => [e.email, e]));
  const plan: RosterPlan = { add: [], already: [], update: [], drop: [] };
  for (const row of rows) {
    const existing = byEmail.get(row.email);
    if (!existing) plan.add.push({ ...row, id: null });
    else if (existing.droppedAt) plan.add.push({ ...row, id: existing.id });
    else {
      // a file without student numbers (or without split names) never erases the ones on record
      const kept = {
        ...row,
        student_number: row.student_number ?? existing.studentNumber,
        given_name: row.given_name ?? existing.givenName,
        family_name: row.family_name ?? existing.familyName,
      };
      const changed = kept.full_name !== existing.fullName || kept.student_number !== existing.studentNumber || kept.given_name !== existing.givenName || kept.family_name !== existing.familyName;
      if (changed) plan.update.push({ ...kept, id: existing.id, was: { full_name: existing.fullName, student_number: existing.studentNumber } });
      else plan.already.push(kept);
    }
  }
  if (mode === "replace") {
    // a student whose row is in the file but invalid (say, a bad name) is not dropped for it
    const named = new Set([...rows.map((r) => r.email), ...invalid.flatMap((r) => (r.email ? [r.email] : []))]);
    plan.drop = current.filter((e) => !e.droppedAt && !named.has(e.email));
  }
  return plan;
}

export const planChangesNothing = (p: RosterPlan) => p.add.length + p.update.length + p.drop.length === 0;

import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_WORDS, auditActionWords } from "./action-words";
import { AUDIT_ACTIONS } from "./record";

describe("audit actions in words", () => {
  it("has words for every action the app records, and no words for an action it does not", () => {
    expect(AUDIT_ACTIONS.filter((a) => !AUDIT_ACTION_WORDS[a])).toEqual([]);
    expect(Object.keys(AUDIT_ACTION_WORDS).filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
  });

  it("names each action differently: the audit log's filter never offers two identical choices", () => {
    const seen = new Map<string, string[]>();
    for (const a of AUDIT_ACTIONS) seen.set(auditActionWords(a), [...(seen.get(auditActionWords(a)) ?? []), a]);
    expect([...seen.values()].filter((actions) => actions.length > 1)).toEqual([]);
  });

  it("reads as words, not codes; an unknown code still reads", () => {
    for (const a of AUDIT_ACTIONS) expect(auditActionWords(a)).not.toMatch(/_/);
    expect(auditActionWords("checkin_started")).toBe("Check-in started");
    expect(auditActionWords("brand_new_thing")).toBe("Brand new thing");
  });
});

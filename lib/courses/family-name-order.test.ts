import { describe, expect, it } from "vitest";
import { familyNameKey, sortByFamilyName } from "./family-name-order";

describe("ordering people by family name", () => {
  it("uses the stored family name, else the full name's last word", () => {
    expect(familyNameKey({ fullName: "José Núñez García", givenName: "José", familyName: "Núñez García" })).toEqual({ family: "Núñez García", given: "José" });
    expect(familyNameKey({ fullName: "Ada King Lovelace" })).toEqual({ family: "Lovelace", given: "Ada King" });
    expect(familyNameKey({ fullName: "Plato" })).toEqual({ family: "Plato", given: "" });
  });

  it("sorts locale-aware: Łukasz with the L's, accents beside their letter, then given name, then email", () => {
    const people = [
      { fullName: "Zoe Zimmer", email: "z@x" },
      { fullName: "Łukasz Łapiński", givenName: "Łukasz", familyName: "Łapiński", email: "l@x" },
      { fullName: "Änne Weiß", givenName: "Änne", familyName: "Weiß", email: "w@x" },
      { fullName: "Ada Lovelace", email: "a2@x" },
      { fullName: "Ada Lovelace", email: "a1@x" },
      { fullName: "Björn Ølstad", givenName: "Björn", familyName: "Ølstad", email: "o@x" },
      { fullName: "Alan Ávila", email: "av@x" },
    ];
    expect(sortByFamilyName(people, "en").map((p) => `${p.fullName} <${p.email}>`)).toEqual([
      "Alan Ávila <av@x>",
      "Łukasz Łapiński <l@x>",
      "Ada Lovelace <a1@x>",
      "Ada Lovelace <a2@x>",
      "Björn Ølstad <o@x>",
      "Änne Weiß <w@x>",
      "Zoe Zimmer <z@x>",
    ]);
  });
});

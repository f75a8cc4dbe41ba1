import { describe, expect, it } from "vitest";
import { byFamilyName, familyNameOf } from "./family-name";

describe("familyNameOf", () => {
  it("takes the enrolment's family name when it has one, else the full name's last word", () => {
    expect(familyNameOf({ fullName: "Ada  Lovelace " })).toBe("Lovelace");
    expect(familyNameOf({ fullName: "Ludwig van Beethoven", familyName: "van Beethoven" })).toBe("van Beethoven");
    expect(familyNameOf({ fullName: "Plato", familyName: " " })).toBe("Plato");
  });
});

describe("byFamilyName", () => {
  const names = ["Zoe Adams", "Łukasz Nowak", "Émile Zola", "Anna Zimmer", "Chloé Émond", "Bob Nowak"].map((fullName) => ({ fullName }));
  it("sorts by family name in the language's order, not by code point", () => {
    const sorted = [...names].sort(byFamilyName("en-GB", (n) => n)).map((n) => n.fullName);
    expect(sorted).toEqual(["Zoe Adams", "Chloé Émond", "Bob Nowak", "Łukasz Nowak", "Anna Zimmer", "Émile Zola"]);
  });
  it("follows the language: Swedish sorts Ö after Z", () => {
    const sorted = [{ fullName: "A Öberg" }, { fullName: "B Zetterberg" }].sort(byFamilyName("sv-SE", (n) => n)).map((n) => n.fullName);
    expect(sorted).toEqual(["B Zetterberg", "A Öberg"]);
  });
});

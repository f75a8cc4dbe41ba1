import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanName, HumanName, INVISIBLE_CLASS, nameProblem } from "./clean-name";

const accepted = (raw: string) => {
  const r = HumanName.safeParse(raw);
  return r.success ? r.data : null;
};

describe("human names", () => {
  it("strip bidirectional controls and zero-width characters, so a look-alike shows what it is", () => {
    expect(accepted("Ada\u202Enimda")).toBe("Adanimda");
    expect(accepted("\u2067Grace\u2069 Hopper")).toBe("Grace Hopper");
    expect(accepted("Al\u200Ban Tu\u200Dring\u200C\u2060\uFEFF")).toBe("Alan Turing");
    expect(accepted("Ka\u00ADtherine \u200EJohnson\u200F")).toBe("Katherine Johnson");
    expect(accepted("\u3164")).toBeNull(); // a Hangul filler that renders as a blank name
    expect(accepted("\u200B\u200B")).toBeNull();
  });

  it("collapse whitespace (any kind) and keep what is visible, composed", () => {
    expect(accepted("  Marie \u00A0\u3000 Curie\u2028 ")).toBe("Marie Curie");
    expect(accepted("Jose\u0301 Ramo\u0301n")).toBe("José Ramón");
    expect(accepted("Jose\u200D\u0301")).toBe("José"); // composed after the joiner is gone
    expect(accepted("毛泽东")).toBe("毛泽东");
    expect(accepted("محمد بن موسى")).toBe("محمد بن موسى");
    expect(accepted("O'Brien-Smith Jr.")).toBe("O'Brien-Smith Jr.");
  });

  it("refuse what is left empty, letterless, too long, or carrying other control or formatting characters", () => {
    expect(HumanName.safeParse("   ").error?.issues[0]?.message).toBe("The name is empty.");
    expect(HumanName.safeParse("12345").error?.issues[0]?.message).toBe("The name must contain a letter.");
    expect(HumanName.safeParse("x".repeat(121)).error?.issues[0]?.message).toBe("The name is longer than 120 characters.");
    expect(nameProblem(cleanName("Ada\u0007"))).toBe("contains control or formatting characters");
    expect(nameProblem(cleanName("Ada\u0600"))).toBe("contains control or formatting characters");
    expect(nameProblem(cleanName("Ada\uE000"))).toBe("contains control or formatting characters");
    expect(HumanName.safeParse("x".repeat(10_000)).success).toBe(false);
  });

  it("never store an invisible character or leave a name that changes when cleaned again", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (raw) => {
        const name = accepted(raw);
        if (name === null) return;
        expect(name).toBe(cleanName(name));
        expect(new RegExp(`[${INVISIBLE_CLASS}]`, "u").test(name)).toBe(false);
        expect(nameProblem(name)).toBeNull();
      }),
    );
  });
});

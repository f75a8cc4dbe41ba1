import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeSchema } from "./describe-schema";

describe("describeSchema", () => {
  it("renders objects with optional fields, enums, nullables and arrays", () => {
    const js = z.toJSONSchema(z.object({ role: z.enum(["student", "admin"]).optional(), ids: z.array(z.string()), at: z.string().nullable() }));
    expect(describeSchema(js)).toBe('{\n  role?: "student" | "admin";\n  ids: string[];\n  at: string | null;\n}');
  });

  it("renders refs, records and limits", () => {
    expect(describeSchema({ $ref: "#/components/schemas/Error" })).toBe("Error");
    expect(describeSchema(z.toJSONSchema(z.record(z.string(), z.number())))).toBe("{ [key: string]: number }");
    expect(describeSchema(z.toJSONSchema(z.string().min(1).max(64)))).toBe("string (min 1, max 64)");
    expect(describeSchema(undefined)).toBe("any");
  });
});

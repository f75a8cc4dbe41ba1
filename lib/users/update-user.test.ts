import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { nextStatus } from "./update-user";

describe("nextStatus", () => {
  it("deactivates only active accounts and reactivates deactivated ones", () => {
    expect(nextStatus("active", false)).toBe("deactivated");
    expect(nextStatus("deactivated", true)).toBe("active");
    expect(nextStatus("active", true)).toBe("active");
    expect(nextStatus("pending", false)).toBe("pending");
    expect(nextStatus("expired", undefined)).toBe("expired");
  });
  it("refuses to activate accounts that need an approval decision", () => {
    for (const s of ["pending", "rejected", "expired"] as const) expect(() => nextStatus(s, true)).toThrow(AppError);
  });
});

import { describe, expect, it } from "vitest";
import { AppError, ERROR_STATUS, type ErrorCode } from "./errors";

describe("ERROR_STATUS: one status per error code", () => {
  it("every AppError takes its status from the map, whatever the throw site", () => {
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
      expect(new AppError(code, "m").status).toBe(ERROR_STATUS[code]);
    }
  });

  it("maps every code to a 4xx or 5xx status", () => {
    for (const status of Object.values(ERROR_STATUS)) expect(status >= 400 && status < 600).toBe(true);
  });

  it("says 401 only for 'not logged in' and 403 for a refused account", () => {
    expect(ERROR_STATUS.account_deactivated).toBe(403);
    expect(ERROR_STATUS.session_revoked).toBe(401);
    expect(ERROR_STATUS.account_pending).toBe(403);
  });
});

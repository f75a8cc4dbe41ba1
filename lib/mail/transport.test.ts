import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./deliver-message";
import { isPermanentFailure } from "./transport";

const mid = { bytes: () => Buffer.alloc(0), int: (max: number) => Math.floor(max / 2) }; // no jitter

describe("what the sender retries", () => {
  it("retries 4xx and no answer; a 5xx refusal of the message is final; AUTH and TLS trouble waits for the settings to be fixed", () => {
    expect(isPermanentFailure(Object.assign(new Error("451 greylisted"), { responseCode: 451, code: "EENVELOPE" }))).toBe(false);
    expect(isPermanentFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNECTION" }))).toBe(false);
    expect(isPermanentFailure(Object.assign(new Error("550 no such user"), { responseCode: 550, code: "EENVELOPE" }))).toBe(true);
    expect(isPermanentFailure(Object.assign(new Error("554 rejected"), { responseCode: 554, code: "EMESSAGE" }))).toBe(true);
    expect(isPermanentFailure(Object.assign(new Error("535 bad credentials"), { responseCode: 535, code: "EAUTH" }))).toBe(false);
    expect(isPermanentFailure("weird")).toBe(false);
  });

  it("backs off exponentially from MAIL_RETRY_FIRST_SECONDS, at most an hour, with ±10 % jitter", () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 30, mid))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, 30, mid)).toBe(3_600_000);
    const low = { bytes: () => Buffer.alloc(0), int: () => 0 };
    const high = { bytes: () => Buffer.alloc(0), int: (max: number) => max - 1 };
    expect(retryDelayMs(1, 30, low)).toBe(27_000);
    expect(retryDelayMs(1, 30, high)).toBe(33_000);
  });

  it("keeps trying for at least a day: the default schedule reaches 24 h in well under 40 attempts", () => {
    let waited = 0;
    let attempts = 0;
    while (waited < 24 * 3_600_000) waited += retryDelayMs(++attempts, 30, mid);
    expect(attempts).toBeLessThan(40);
  });
});

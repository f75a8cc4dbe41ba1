import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token";

const SECRET = "k".repeat(64);

describe("unsubscribe tokens", () => {
  it("name exactly the user and the preference they were signed for", () => {
    const token = signUnsubscribeToken("user_1:odd", "mark_removed", SECRET);
    expect(verifyUnsubscribeToken(token, SECRET)).toEqual({ userId: "user_1:odd", preference: "mark_removed" });
  });

  it("refuse another key, a changed user or preference, and garbage", () => {
    const token = signUnsubscribeToken("u1", "mark_removed", SECRET);
    expect(verifyUnsubscribeToken(token, "o".repeat(64))).toBeNull();
    const [, mac] = token.split(".");
    expect(verifyUnsubscribeToken(`${Buffer.from("u2:mark_removed").toString("base64url")}.${mac}`, SECRET)).toBeNull();
    expect(verifyUnsubscribeToken(`${Buffer.from("u1:low_attendance_warning").toString("base64url")}.${mac}`, SECRET)).toBeNull();
    // a valid MAC over a payload that names no preference
    const bogus = signUnsubscribeToken("u1", "mark_removed", SECRET).replace(/^[^.]+/, Buffer.from("u1:newsletter").toString("base64url"));
    expect(verifyUnsubscribeToken(bogus, SECRET)).toBeNull();
    fc.assert(fc.property(fc.string(), (s) => verifyUnsubscribeToken(s, SECRET) === null));
  });
});

import { describe, expect, it } from "vitest";
import { isNextAuthEndpoint } from "./next-auth-endpoints";

describe("isNextAuthEndpoint", () => {
  it.each([
    ["GET", ["session"]],
    ["GET", ["csrf"]],
    ["GET", ["providers"]],
    ["POST", ["callback", "credentials"]],
    ["POST", ["callback", "passkey"]],
    ["POST", ["signout"]],
    ["POST", ["_log"]],
    ["GET", ["error"]],
  ])("%s %j is next-auth's", (method, segments) => expect(isNextAuthEndpoint(method, segments)).toBe(true));

  it.each([
    ["POST", ["0"]],
    ["GET", ["0"]],
    ["POST", ["csrf"]],
    ["POST", ["callback", "github"]],
    ["POST", ["callback", "credentials", "extra"]],
    ["GET", ["session", "x"]],
    ["POST", []],
    ["PUT", ["session"]],
  ])("%s %j is not", (method, segments) => expect(isNextAuthEndpoint(method, segments)).toBe(false));
});

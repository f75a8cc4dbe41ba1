import { describe, expect, it } from "vitest";
import { isLoopbackHost, parseSmtpUrl } from "./smtp-url";

describe("parseSmtpUrl", () => {
  it("smtp:// is STARTTLS on 587 by default; with credentials to another host STARTTLS is required", () => {
    expect(parseSmtpUrl("smtp://user:p%40ss@mail.college.edu")).toEqual({ host: "mail.college.edu", port: 587, secure: false, requireTls: true, auth: { user: "user", pass: "p@ss" } });
    expect(parseSmtpUrl("smtp://relay.college.edu:25")).toEqual({ host: "relay.college.edu", port: 25, secure: false, requireTls: false, auth: null });
  });

  it("smtps:// is TLS from the first byte on 465 by default", () => {
    expect(parseSmtpUrl("smtps://u:p@mail.college.edu")).toMatchObject({ port: 465, secure: true, requireTls: false });
  });

  it("credentials to this machine need no TLS (a local relay)", () => {
    expect(parseSmtpUrl("smtp://u:p@127.0.0.1:2525")).toMatchObject({ requireTls: false, auth: { user: "u", pass: "p" } });
    expect(parseSmtpUrl("smtp://u:p@localhost:2525")).toMatchObject({ requireTls: false });
    expect(isLoopbackHost("[::1]")).toBe(true);
    expect(isLoopbackHost("mail.college.edu")).toBe(false);
  });

  it.each([
    ["not a url", /must be a URL/],
    ["http://mail.college.edu", /smtp:\/\/.*not http/],
    ["smtp://mail.college.edu:587?secure=false", /takes no \?options/],
    ["smtp://mail.college.edu/path", /no path/],
    ["smtp://user@mail.college.edu", /both a user name and a password/],
  ])("refuses %s, naming the rule and never the password", (raw, rule) => {
    const parsed = parseSmtpUrl(raw);
    expect("problem" in parsed && parsed.problem).toMatch(rule);
  });
});

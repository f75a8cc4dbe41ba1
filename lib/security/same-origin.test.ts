import { describe, expect, it } from "vitest";
import { isSameSiteWrite } from "./same-origin";

const APP = "https://rollcall.college.edu";
const h = (init: Record<string, string>) => new Headers(init);

describe("isSameSiteWrite", () => {
  it("lets reads through whatever their origin", () => {
    for (const m of ["GET", "HEAD", "OPTIONS", "get"]) expect(isSameSiteWrite(m, h({ origin: "https://evil.example" }), APP)).toBe(true);
  });

  it("accepts writes from this origin, or marked same-origin / user-initiated by the browser", () => {
    expect(isSameSiteWrite("POST", h({ origin: APP }), APP)).toBe(true);
    expect(isSameSiteWrite("DELETE", h({ origin: `${APP}:443` }), APP)).toBe(true);
    expect(isSameSiteWrite("PATCH", h({ "sec-fetch-site": "same-origin" }), APP)).toBe(true);
    expect(isSameSiteWrite("POST", h({ "sec-fetch-site": "none" }), APP)).toBe(true);
  });

  it.each([
    [{ origin: "https://evil.example" }],
    [{ origin: "https://evil.example", "sec-fetch-site": "same-origin" }],
    [{ origin: "http://rollcall.college.edu" }],
    [{ origin: "https://rollcall.college.edu.evil.example" }],
    [{ origin: "https://sub.rollcall.college.edu" }],
    [{ origin: "null" }],
    [{ origin: "not a url" }],
    [{ "sec-fetch-site": "same-site" }],
    [{ "sec-fetch-site": "cross-site" }],
    [{}],
  ])("refuses a write with %j", (headers) => {
    expect(isSameSiteWrite("POST", h(headers), APP)).toBe(false);
  });
});

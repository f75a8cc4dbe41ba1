import { describe, expect, it } from "vitest";
import { appUrlWarning, joinAddress, scannerCodeUrl } from "./join-address";

describe("the projector's join address", () => {
  it("is the host plus /c, without the scheme on https", () => {
    expect(joinAddress("https://rollcall.college.edu")).toEqual({ shown: "rollcall.college.edu/c", href: "https://rollcall.college.edu/c" });
    expect(joinAddress("https://college.edu/rollcall/")).toEqual({ shown: "college.edu/rollcall/c", href: "https://college.edu/rollcall/c" });
  });

  it("keeps http:// and the port when the server is plain http", () => {
    expect(joinAddress("http://10.0.0.5:3000")).toEqual({ shown: "http://10.0.0.5:3000/c", href: "http://10.0.0.5:3000/c" });
  });
});

describe("the projector's APP_URL warning", () => {
  it.each(["http://localhost:3000", "https://localhost", "http://127.0.0.1:3000", "http://127.8.0.1", "http://[::1]:3000", "http://0.0.0.0:3000", "http://app.localhost"])(
    "warns for %s in any environment",
    (url) => {
      expect(appUrlWarning(url, "development")).toMatch(/points at this computer/);
      expect(appUrlWarning(url, "production")).toMatch(/points at this computer/);
    },
  );

  it("warns about plain http in production only", () => {
    expect(appUrlWarning("http://rollcall.college.edu", "production")).toMatch(/plain http/);
    expect(appUrlWarning("http://rollcall.college.edu", "development")).toBeNull();
    expect(appUrlWarning("https://rollcall.college.edu", "production")).toBeNull();
    expect(appUrlWarning("https://127.example.edu", "production")).toBeNull();
  });
});

describe("/c and /c/<code>", () => {
  it("open the scanner's code field, filled with the cleaned code when given", () => {
    expect(scannerCodeUrl(undefined)).toBe("/scan?type=1");
    expect(scannerCodeUrl("k7hq3d")).toBe("/scan?type=1&code=K7HQ3D");
    expect(scannerCodeUrl("<script>")).toBe("/scan?type=1&code=SCRIPT");
    expect(scannerCodeUrl("%%%")).toBe("/scan?type=1");
  });
});

import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { aaguidString, defaultPasskeyName } from "./authenticator-names";
import { passkeySupportFor, relyingParty } from "./relying-party";

describe("the relying party comes from APP_URL", () => {
  it("uses the host as RP ID and the origin as expected origin", () => {
    expect(passkeySupportFor("https://rollcall.college.edu")).toEqual({ available: true, rp: { id: "rollcall.college.edu", origin: "https://rollcall.college.edu", name: "Rollcall" } });
    expect(passkeySupportFor("http://localhost:3281")).toMatchObject({ available: true, rp: { id: "localhost", origin: "http://localhost:3281" } });
    expect(passkeySupportFor("https://Attend.Example.EDU:8443/app")).toMatchObject({ rp: { id: "attend.example.edu", origin: "https://attend.example.edu:8443" } });
  });

  it("says plainly that an IP address cannot have passkeys (IPv4 and IPv6)", () => {
    for (const url of ["http://127.0.0.1:3000", "http://10.1.2.3", "http://[::1]:3000", "https://[2001:db8::1]"]) {
      const support = passkeySupportFor(url);
      expect(support.available).toBe(false);
      if (!support.available) expect(support.reason).toMatch(/need a domain name.*IP address/);
    }
    try {
      relyingParty({ APP_URL: "http://192.168.1.20:3000" });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe("passkeys_need_domain");
      expect(isAppError(error) && error.status).toBe(409);
    }
  });
});

describe("a passkey's default name", () => {
  it("names well-known authenticators by AAGUID, else the device, else 'Passkey'", () => {
    const gpm = Buffer.from("ea9b8d664d011d213ce4b6b48cb575d4", "hex");
    expect(aaguidString(gpm)).toBe("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4");
    expect(aaguidString(Buffer.alloc(16))).toBe("");
    expect(defaultPasskeyName(aaguidString(gpm), null)).toBe("Google Password Manager");
    expect(defaultPasskeyName("", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)")).toBe("Passkey on iPhone");
    expect(defaultPasskeyName("", "Mozilla/5.0 (Linux; Android 15; Pixel 9)")).toBe("Passkey on Android phone");
    expect(defaultPasskeyName("", null)).toBe("Passkey");
  });
});

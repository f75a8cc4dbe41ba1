import { describe, expect, it } from "vitest";
import { metadataProblem, wellKnownUrl } from "./issuer-metadata";

const issuer = "https://login.college.edu/realms/college";
const good = {
  issuer,
  authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
  token_endpoint: `${issuer}/protocol/openid-connect/token`,
  jwks_uri: `${issuer}/protocol/openid-connect/certs`,
  response_types_supported: ["code", "id_token"],
  id_token_signing_alg_values_supported: ["RS256"],
  code_challenge_methods_supported: ["plain", "S256"],
};

describe("issuer metadata", () => {
  it("builds the discovery address with or without a trailing slash", () => {
    expect(wellKnownUrl(issuer)).toBe(`${issuer}/.well-known/openid-configuration`);
    expect(wellKnownUrl("https://accounts.google.com/")).toBe("https://accounts.google.com/.well-known/openid-configuration");
  });

  it("accepts usable metadata", () => {
    expect(metadataProblem(issuer, good)).toBeNull();
    const { code_challenge_methods_supported: _unlisted, ...withoutPkceList } = good;
    expect(metadataProblem(issuer, withoutPkceList)).toBeNull();
  });

  it("names what makes metadata unusable", () => {
    expect(metadataProblem(issuer, { ...good, issuer: "https://elsewhere.example" })).toMatch(/names the issuer "https:\/\/elsewhere.example"/);
    expect(metadataProblem(issuer, { ...good, token_endpoint: undefined })).toMatch(/token_endpoint/);
    expect(metadataProblem(issuer, { ...good, jwks_uri: "not a url" })).toMatch(/jwks_uri/);
    expect(metadataProblem(issuer, { ...good, response_types_supported: ["id_token"] })).toMatch(/authorization code flow/);
    expect(metadataProblem(issuer, { ...good, code_challenge_methods_supported: ["plain"] })).toMatch(/PKCE with S256/);
    expect(metadataProblem(issuer, "<html>")).toMatch(/metadata is invalid/);
  });
});

// The browser client's contract names the very schema objects the OpenAPI document (and so
// the route handlers and use cases) uses: a shape changed on the server changes the client's
// types, and an endpoint the client calls must exist.
import { describe, expect, it } from "vitest";
import { ENDPOINTS } from "../openapi/endpoints";
import { CONTRACT, type ContractEntry } from "./contract";

describe("browser client contract", () => {
  it.each(Object.entries(CONTRACT as Record<string, ContractEntry>))("%s uses the documented endpoint's own schemas", (key, entry) => {
    const [method, path] = key.split(" ") as [string, string];
    const endpoint = ENDPOINTS.find((e) => e.method === method.toLowerCase() && e.path === path);
    expect(endpoint, `${key} is not in lib/openapi`).toBeDefined();
    const e = endpoint!;
    expect(entry.body).toBe(e.body);
    expect(entry.query).toBe(e.query);
    expect(entry.text).toBe(e.textBody?.types);
    const success = Object.entries(e.responses)
      .filter(([status]) => Number(status) >= 200 && Number(status) < 300)
      .map(([, r]) => r.schema);
    expect(success.every((s) => s !== undefined), `${key}: every success response needs a schema`).toBe(true);
    expect(new Set(entry.responses)).toEqual(new Set(success));
  });
});

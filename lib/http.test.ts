import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./errors";
import { errorResponse, parseJsonBody, parseFileBody, queryObject, readBodyText, validationError } from "./http";

const jsonRequest = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://x/api/t", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("parseJsonBody", () => {
  it("parses JSON with a JSON content type (charset and +json variants too)", async () => {
    expect(await parseJsonBody(jsonRequest('{"a":1}'), 100)).toEqual({ a: 1 });
    expect(await parseJsonBody(jsonRequest('{"a":2}', { "content-type": "application/json; charset=utf-8" }), 100)).toEqual({ a: 2 });
    expect(await parseJsonBody(jsonRequest('{"a":3}', { "content-type": "application/merge-patch+json" }), 100)).toEqual({ a: 3 });
  });

  it("returns undefined for an empty body", async () => {
    expect(await parseJsonBody(jsonRequest(""), 100)).toBeUndefined();
  });

  it("rejects other content types with 415", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const e = await caught(parseJsonBody(jsonRequest('{"a":1}', { "content-type": type }), 100));
      expect([e.status, e.code]).toEqual([415, "unsupported_media_type"]);
    }
    const missing = await caught(parseJsonBody(jsonRequest('{"a":1}', {}), 100));
    expect(missing.code).toBe("unsupported_media_type");
  });

  it("rejects malformed JSON with 400 invalid_json", async () => {
    for (const body of ["{", "{'a':1}", "[1,]", "undefined"]) {
      const e = await caught(parseJsonBody(jsonRequest(body), 100));
      expect([e.status, e.code]).toEqual([400, "invalid_json"]);
    }
  });

  it("rejects a body over the limit by declared length and by streamed size", async () => {
    const declared = await caught(parseJsonBody(jsonRequest("x".repeat(10), { "content-type": "application/json", "content-length": "5000" }), 1024));
    expect([declared.status, declared.code]).toEqual([413, "payload_too_large"]);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("a".repeat(200)));
        controller.close();
      },
    });
    const streamed = await caught(readBodyText(jsonRequest(stream), 1024));
    expect([streamed.status, streamed.code]).toEqual([413, "payload_too_large"]);
  });

  it("accepts a body exactly at the limit", async () => {
    const body = JSON.stringify({ s: "y".repeat(90) });
    expect(await parseJsonBody(jsonRequest(body), Buffer.byteLength(body))).toEqual({ s: "y".repeat(90) });
  });
});

describe("parseFileBody", () => {
  it("returns the bytes of an accepted media type untouched, whatever charset the client claims", async () => {
    expect((await parseFileBody(jsonRequest("a,b\n1,2", { "content-type": "text/csv" }), ["text/csv"], 100)).toString("utf8")).toBe("a,b\n1,2");
    const latin1 = Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]); // "Müller" in Windows-1252
    const got = await parseFileBody(jsonRequest(latin1, { "content-type": "Text/CSV; charset=UTF-8" }), ["text/csv"], 100);
    expect([...got]).toEqual([...latin1]);
    expect((await parseFileBody(jsonRequest("x", { "content-type": "text/plain; charset=latin1" }), ["text/csv", "text/plain"], 100)).toString()).toBe("x");
  });

  it("rejects other media types with 415, and a body over the limit with 413", async () => {
    for (const type of ["application/json", "text/csvx", ""]) {
      const e = await caught(parseFileBody(jsonRequest("a", type ? { "content-type": type } : {}), ["text/csv"], 100));
      expect([e.status, e.code]).toEqual([415, "unsupported_media_type"]);
    }
    const big = await caught(parseFileBody(jsonRequest("x".repeat(200), { "content-type": "text/csv" }), ["text/csv"], 100));
    expect([big.status, big.code]).toEqual([413, "payload_too_large"]);
  });
});

describe("error mapping", () => {
  it("renders an AppError in the one error shape with its status and headers", async () => {
    const res = errorResponse(new AppError("rate_limited", "Slow down.", { retry_after_seconds: 3 }, { "Retry-After": "3" }), "req-1");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(res.headers.get("x-request-id")).toBe("req-1");
    expect(await res.json()).toEqual({ error: { code: "rate_limited", message: "Slow down.", details: { retry_after_seconds: 3 } } });
  });

  it("hides unexpected errors behind a 500 without a stack trace", async () => {
    const res = errorResponse(new TypeError("secret internals at /work/lib/x.ts:12"), "req-2");
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.code).toBe("internal_error");
    expect(JSON.stringify(body)).not.toMatch(/internals|x\.ts|TypeError/);
    expect(body.error.message).toContain("req-2");
  });

  it("turns zod issues into a 400 listing each problem with its path", () => {
    const schema = z.strictObject({ email: z.email(), n: z.number() });
    const parsed = schema.safeParse({ email: "nope", n: "1", extra: true });
    expect(parsed.success).toBe(false);
    const e = validationError(parsed.error!, "body");
    expect([e.status, e.code]).toEqual([400, "validation_failed"]);
    const paths = (e.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(["body", "body.email", "body.n"]);
  });

  it("treats invalid path params as not found", () => {
    const parsed = z.object({ id: z.string().regex(/^[a-z]+$/) }).safeParse({ id: "../etc" });
    const e = validationError(parsed.error!, "params");
    expect([e.status, e.code]).toEqual([404, "not_found"]);
  });
});

describe("queryObject", () => {
  it("keeps single values as strings and repeats as arrays", () => {
    expect(queryObject(new URL("http://x/?a=1&b=2&b=3"))).toEqual({ a: "1", b: ["2", "3"] });
  });
});

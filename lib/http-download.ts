// The HTTP answer of a file download (the report exports): an attachment with its file name
// (ASCII, plus the exact name as RFC 6266 filename*), never cached. Route handlers return it.

export interface Download {
  filename: string;
  contentType: string;
  body: string | Uint8Array;
}

export function downloadResponse(d: Download): Response {
  const ascii = d.filename.replace(/[^\x20-\x7E]|["\\]/g, "_");
  return new Response(d.body as BodyInit, {
    headers: {
      "content-type": d.contentType,
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(d.filename)}`,
      "cache-control": "no-store",
    },
  });
}

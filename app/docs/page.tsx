// The API reference, rendered on the server from the same OpenAPI document as
// /api/openapi.json. No client script and no third-party assets.
import type { Metadata } from "next";
import { getConfig } from "@/lib/config";
import { describeSchema } from "@/lib/openapi/describe-schema";
import { openApiDocument } from "@/lib/openapi/document";

export const metadata: Metadata = { title: "API reference" };

interface Op {
  summary: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters: { name: string; in: string; required: boolean; description?: string; schema: unknown }[];
  requestBody?: { description?: string; content: Record<string, { schema: unknown }> };
  // a download (CSV, XLSX) answers with its own media type instead of JSON
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-green-100 text-green-900",
  patch: "bg-amber-100 text-amber-900",
  put: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-900",
};

function authOf(op: Op): string {
  if (op.security.length === 0) return "none";
  if (op.security.some((s) => Object.keys(s).length === 0)) return "optional bearer token";
  return "bearer token (or the web session cookie)";
}

export default function DocsPage() {
  const doc = openApiDocument(getConfig().APP_URL);
  const entries = Object.entries(doc.paths as Record<string, Record<string, Op>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op })),
  );
  const tags = doc.tags.map((t) => t.name);
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{doc.info.title}</h1>
        <p className="text-slate-600">{doc.info.description}</p>
        <p className="text-sm">
          OpenAPI {doc.openapi} document: <a href="/api/openapi.json" className="font-medium text-brand-700 hover:underline">/api/openapi.json</a>
        </p>
        <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <summary className="cursor-pointer font-medium">Errors</summary>
          <p className="mt-2 text-slate-600">Every error has this shape, with the HTTP status listed under each endpoint:</p>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{describeSchema(doc.components.schemas.Error)}</pre>
        </details>
      </header>
      <nav aria-label="API sections" className="flex flex-wrap gap-2 text-sm">
        {tags.map((t) => (
          <a key={t} href={`#${slug(t)}`} className="rounded-full border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">{t}</a>
        ))}
      </nav>
      {tags.map((tag) => (
        <section key={tag} id={slug(tag)} aria-labelledby={`${slug(tag)}-h`} className="space-y-3">
          <h2 id={`${slug(tag)}-h`} className="text-xl font-semibold">{tag}</h2>
          {entries
            .filter((e) => e.op.tags.includes(tag))
            .map(({ path, method, op }) => (
              <details key={`${method} ${path}`} data-testid="docs-endpoint" className="rounded-lg border border-slate-200 bg-white">
                <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-4 py-3">
                  <span className={`w-16 rounded px-2 py-0.5 text-center font-mono text-xs font-bold uppercase ${METHOD_STYLE[method] ?? ""}`}>{method}</span>
                  <code className="font-mono text-sm">{path}</code>
                  <span className="text-sm text-slate-600">{op.summary}</span>
                </summary>
                <div className="space-y-4 border-t border-slate-100 px-4 py-3 text-sm">
                  {op.description && <p>{op.description}</p>}
                  <p><span className="font-medium">Auth:</span> {authOf(op)}</p>
                  {op.parameters.length > 0 && (
                    <table className="w-full text-left">
                      <caption className="text-left font-medium">Parameters</caption>
                      <thead className="text-slate-600"><tr><th scope="col" className="py-1 pr-3 font-medium">Name</th><th scope="col" className="py-1 pr-3 font-medium">In</th><th scope="col" className="py-1 pr-3 font-medium">Type</th><th scope="col" className="py-1 font-medium">Notes</th></tr></thead>
                      <tbody>
                        {op.parameters.map((p) => (
                          <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100">
                            <td className="py-1 pr-3 font-mono">{p.name}{p.required ? "" : "?"}</td>
                            <td className="py-1 pr-3">{p.in}</td>
                            <td className="py-1 pr-3 font-mono text-xs">{describeSchema(p.schema)}</td>
                            <td className="py-1 text-slate-600">{p.description ?? ""}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  {op.requestBody && (
                    <div>
                      <p className="font-medium">Request body ({Object.keys(op.requestBody.content).join(" or ")})</p>
                      {op.requestBody.description && <p className="mt-1">{op.requestBody.description}</p>}
                      <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{describeSchema(Object.values(op.requestBody.content)[0]?.schema)}</pre>
                    </div>
                  )}
                  <div>
                    <p className="font-medium">Responses</p>
                    <ul className="mt-1 space-y-2">
                      {Object.entries(op.responses).map(([status, r]) => (
                        <li key={status}>
                          <span className={`mr-2 font-mono font-bold ${status.startsWith("2") ? "text-green-800" : "text-red-800"}`}>{status}</span>
                          {r.description}
                          {r.content && status.startsWith("2") &&
                            Object.entries(r.content).map(([mediaType, body]) =>
                              mediaType === "application/json" ? (
                                <pre key={mediaType} className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{describeSchema(body.schema)}</pre>
                              ) : (
                                <p key={mediaType} className="mt-1">A file download (<code className="font-mono text-xs">{mediaType}</code>).</p>
                              ),
                            )}
                        </li>
                      ))}
                    </ul>
                  </div>
                </div>
              </details>
            ))}
        </section>
      ))}
    </div>
  );
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

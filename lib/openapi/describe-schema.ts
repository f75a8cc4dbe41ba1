// A compact, readable rendering of a JSON Schema for the /docs page, e.g.
// { role?: "student" | "admin"; active?: boolean }. Pure; no I/O.
type S = Record<string, unknown>;

const pad = (n: number) => "  ".repeat(n);

export function describeSchema(schema: unknown, depth = 0): string {
  if (!schema || typeof schema !== "object") return "any";
  const s = schema as S;
  if (typeof s.$ref === "string") return s.$ref.split("/").pop()!;
  if (Array.isArray(s.anyOf)) return (s.anyOf as unknown[]).map((x) => describeSchema(x, depth)).join(" | ");
  if (Array.isArray(s.oneOf)) return (s.oneOf as unknown[]).map((x) => describeSchema(x, depth)).join(" | ");
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  if ("const" in s) return JSON.stringify(s.const);
  const type = s.type;
  if (type === "array") return `${wrap(describeSchema(s.items, depth))}[]`;
  if (type === "object") {
    const props = (s.properties ?? {}) as Record<string, unknown>;
    const required = new Set((s.required as string[] | undefined) ?? []);
    const keys = Object.keys(props);
    if (keys.length === 0) {
      const extra = s.additionalProperties;
      return extra && typeof extra === "object" ? `{ [key: string]: ${describeSchema(extra, depth)} }` : "object";
    }
    const lines = keys.map((k) => {
      const p = props[k] as S;
      const note = [p.format, p.description].filter(Boolean).join(", ");
      const def = p.default !== undefined ? ` = ${JSON.stringify(p.default)}` : "";
      return `${pad(depth + 1)}${k}${required.has(k) ? "" : "?"}: ${describeSchema(p, depth + 1)}${def};${note ? ` // ${note}` : ""}`;
    });
    return `{\n${lines.join("\n")}\n${pad(depth)}}`;
  }
  if (typeof type === "string") {
    const limits = [
      s.minLength !== undefined ? `min ${s.minLength}` : "",
      s.maxLength !== undefined ? `max ${s.maxLength}` : "",
      s.minimum !== undefined ? `≥ ${s.minimum}` : "",
      s.maximum !== undefined && (s.maximum as number) < Number.MAX_SAFE_INTEGER ? `≤ ${s.maximum}` : "",
    ].filter(Boolean);
    return limits.length ? `${type} (${limits.join(", ")})` : type;
  }
  if (Array.isArray(type)) return type.join(" | ");
  return "any";
}

const wrap = (t: string) => (t.includes("|") ? `(${t})` : t);

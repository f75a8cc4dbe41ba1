// Verifying a PostgreSQL dump restores it into a scratch schema of the app's own database, so
// the deployment's role needs no CREATEDB. pg_dump schema-qualifies every name (`public.users`,
// `public."Role"`, search_path ''), and pg_restore cannot rename a schema, so the SQL script it
// prints is rewritten line by line: `public.` qualifiers outside string literals become the
// scratch schema; COPY data rows pass through untouched. Sequence names that pg_dump writes as
// text — `setval('public.x_seq', …)`, `nextval('public.x_seq'::regclass)` — move too: left alone,
// a verification would set the live database's sequence, which no rollback undoes. Pure (no I/O).

const IDENT_CHAR = /[A-Za-z0-9_$"]/;
const SCHEMA_STATEMENT = /^(CREATE|ALTER|COMMENT ON) SCHEMA public\b/;
const COPY_START = /^COPY \S+ .*FROM stdin;$/;
const SEQUENCE_TEXT = /\b((?:pg_catalog\.)?(?:setval|nextval|currval))\('public\./g;

type Quote = null | "'" | '"' | { dollar: string };

/** A function that rewrites one script line at a time (it keeps the quote and COPY state between lines). */
export function scriptSchemaRewriter(schema: string): (line: string) => string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid scratch schema name: ${schema}`);
  const qualifier = `"${schema}".`;
  let inCopyData = false;
  let quote: Quote = null;

  return (line: string) => {
    if (inCopyData) {
      if (line === "\\.") inCopyData = false;
      return line;
    }
    if (quote === null && SCHEMA_STATEMENT.test(line)) return `-- (skipped) ${line}`;
    if (quote === null) line = line.replace(SEQUENCE_TEXT, `$1('${qualifier}`);
    let out = "";
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quote === "'" || quote === '"') {
        out += ch;
        if (ch === quote) quote = null; // a doubled quote closes and reopens: same result
        continue;
      }
      if (quote !== null) {
        if (line.startsWith(quote.dollar, i)) {
          out += quote.dollar;
          i += quote.dollar.length - 1;
          quote = null;
          continue;
        }
      } else if (ch === "'" || ch === '"') {
        quote = ch;
        out += ch;
        continue;
      } else if (ch === "$") {
        const tag = /^\$[A-Za-z_]*\$/.exec(line.slice(i))?.[0];
        if (tag && (i === 0 || !IDENT_CHAR.test(line[i - 1]!))) {
          quote = { dollar: tag };
          out += tag;
          i += tag.length - 1;
          continue;
        }
      }
      // code (or a function body): rewrite the schema qualifier
      if (line.startsWith("public.", i) && (i === 0 || !IDENT_CHAR.test(line[i - 1]!))) {
        out += qualifier;
        i += "public.".length - 1;
        continue;
      }
      out += ch;
    }
    if (quote === null && COPY_START.test(line)) inCopyData = true;
    return out;
  };
}

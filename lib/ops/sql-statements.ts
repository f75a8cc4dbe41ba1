// Split a PostgreSQL migration script into statements the way the server reads them: a ";" ends
// a statement only outside quotes, comments and dollar-quoted bodies ($$ … $$, $fn$ … $fn$).
// @prisma/adapter-pg 6.19's executeScript splits on every ";", which breaks a trigger
// function's body (prisma/migrate-adapters.ts uses this instead). Pure.
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i]!;
    if (c === "-" && script[i + 1] === "-") {
      const end = script.indexOf("\n", i);
      i = end < 0 ? n : end + 1;
    } else if (c === "/" && script[i + 1] === "*") {
      const end = script.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      // a doubled quote inside is an escaped quote: skipping to the next one and continuing handles it
      const end = script.indexOf(c, i + 1);
      i = end < 0 ? n : end + 1;
    } else if (c === "$") {
      const tag = /^\$[A-Za-z_][A-Za-z0-9_]*\$|^\$\$/.exec(script.slice(i, i + 64))?.[0];
      if (tag) {
        const end = script.indexOf(tag, i + tag.length);
        i = end < 0 ? n : end + tag.length;
      } else i++;
    } else if (c === ";") {
      statements.push(script.slice(start, i));
      i++;
      start = i;
    } else i++;
  }
  statements.push(script.slice(start));
  return statements.map((s) => s.trim()).filter((s) => s.length > 0 && !isOnlyComments(s));
}

function isOnlyComments(statement: string): boolean {
  return statement.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));
}

import { describe, expect, it } from "vitest";
import { splitSqlStatements } from "./sql-statements";

describe("splitSqlStatements", () => {
  it("splits on semicolons between statements", () => {
    expect(splitSqlStatements("CREATE TABLE a (x INT);\nINSERT INTO a VALUES (1);\n")).toEqual(["CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)"]);
  });

  it("keeps a dollar-quoted function body whole", () => {
    const fn = `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  UPDATE a SET x = x + 1;\n  RETURN NULL;\nEND $$`;
    const tagged = `CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$`;
    expect(splitSqlStatements(`${fn};\n${tagged};\nCREATE TRIGGER t AFTER INSERT ON a FOR EACH ROW EXECUTE FUNCTION f();`)).toEqual([
      fn,
      tagged,
      "CREATE TRIGGER t AFTER INSERT ON a FOR EACH ROW EXECUTE FUNCTION f()",
    ]);
  });

  it("ignores semicolons in strings, quoted names and comments, and drops comment-only pieces", () => {
    expect(splitSqlStatements(`-- a comment; still a comment\nINSERT INTO "a;b" VALUES ('x;y', 'it''s');\n/* block; */ SELECT 1;\n-- trailing`)).toEqual([
      `-- a comment; still a comment\nINSERT INTO "a;b" VALUES ('x;y', 'it''s')`,
      "/* block; */ SELECT 1",
    ]);
  });

  it("does not take a positional parameter for a dollar quote", () => {
    expect(splitSqlStatements("SELECT $1; SELECT 2")).toEqual(["SELECT $1", "SELECT 2"]);
  });
});

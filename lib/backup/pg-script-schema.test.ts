import { describe, expect, it } from "vitest";
import { scriptSchemaRewriter } from "./pg-script-schema";

const rewrite = (lines: string[], schema = "scratch_1") => {
  const r = scriptSchemaRewriter(schema);
  return lines.map(r);
};

describe("scriptSchemaRewriter", () => {
  it("moves every qualified name into the scratch schema", () => {
    expect(
      rewrite([
        'CREATE TYPE public."Role" AS ENUM (',
        "    status public.\"UserStatus\" DEFAULT 'pending'::public.\"UserStatus\" NOT NULL,",
        "ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);",
        "    ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;",
        "CREATE INDEX x ON public.audit_logs USING btree (created_at);",
      ]),
    ).toEqual([
      'CREATE TYPE "scratch_1"."Role" AS ENUM (',
      "    status \"scratch_1\".\"UserStatus\" DEFAULT 'pending'::\"scratch_1\".\"UserStatus\" NOT NULL,",
      'ALTER TABLE ONLY "scratch_1".users ADD CONSTRAINT users_pkey PRIMARY KEY (id);',
      '    ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES "scratch_1".users(id) ON DELETE CASCADE;',
      'CREATE INDEX x ON "scratch_1".audit_logs USING btree (created_at);',
    ]);
  });

  it("leaves COPY data, string literals and look-alike names alone", () => {
    const out = rewrite([
      "COPY public.users (id, full_name) FROM stdin;",
      "u1\tpublic.users is my name",
      "u2\tit's public.x; $$ 'unbalanced",
      "\\.",
      "CREATE TABLE public.t (a text DEFAULT 'public.x'::text, my_public.y int, \"public.z\" int);",
      "SELECT 'multi",
      "line public.q' AS s FROM public.t;",
    ]);
    expect(out).toEqual([
      'COPY "scratch_1".users (id, full_name) FROM stdin;',
      "u1\tpublic.users is my name",
      "u2\tit's public.x; $$ 'unbalanced",
      "\\.",
      'CREATE TABLE "scratch_1".t (a text DEFAULT \'public.x\'::text, my_public.y int, "public.z" int);',
      "SELECT 'multi",
      'line public.q\' AS s FROM "scratch_1".t;',
    ]);
  });

  it("rewrites function bodies in dollar quotes and skips statements about the public schema itself", () => {
    expect(rewrite(["CREATE FUNCTION public.f() RETURNS int AS $fn$ SELECT count(*) FROM public.users WHERE x = 'it''s' $fn$;", "COMMENT ON SCHEMA public IS 'standard public schema';"])).toEqual([
      'CREATE FUNCTION "scratch_1".f() RETURNS int AS $fn$ SELECT count(*) FROM "scratch_1".users WHERE x = \'it\'\'s\' $fn$;',
      "-- (skipped) COMMENT ON SCHEMA public IS 'standard public schema';",
    ]);
  });

  it("moves sequences named as text too, so a verification never sets the live database's sequence", () => {
    expect(
      rewrite([
        "    id integer DEFAULT nextval('public.later_feature_id_seq'::regclass) NOT NULL,",
        "SELECT pg_catalog.setval('public.later_feature_id_seq', 42, true);",
        "COPY public.notes (id, body) FROM stdin;",
        "1\tsetval('public.x', 1)",
        "\\.",
      ]),
    ).toEqual([
      "    id integer DEFAULT nextval('\"scratch_1\".later_feature_id_seq'::regclass) NOT NULL,",
      "SELECT pg_catalog.setval('\"scratch_1\".later_feature_id_seq', 42, true);",
      'COPY "scratch_1".notes (id, body) FROM stdin;',
      "1\tsetval('public.x', 1)",
      "\\.",
    ]);
  });

  it("refuses a schema name that would need quoting", () => {
    expect(() => scriptSchemaRewriter('x"; DROP')).toThrow();
  });
});

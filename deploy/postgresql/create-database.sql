-- The PostgreSQL roles and database Rollcall needs, and nothing more (docs/deployment.md, section 1):
--   <app>_owner  owns the database, its schema and every table: `npm run db:migrate` and
--                `db:restore` connect as it (MIGRATION_DATABASE_URL)
--   <app>        the runtime role the instances connect as (DATABASE_URL): SELECT, INSERT, UPDATE
--                and DELETE on the tables and use of their sequences, nothing else. It cannot
--                DROP, TRUNCATE or ALTER a table, create one in `public`, or create a schema; it
--                owns one schema, rollcall_scratch, where backups are verified inside a
--                transaction that is rolled back. Tables later migrations add get the same grants
--                on their own (ALTER DEFAULT PRIVILEGES below), with nothing to do by hand.
-- Neither role is a superuser or may create databases or roles. CONNECT is revoked from PUBLIC:
-- only these two roles may connect to the database. (That the runtime role cannot connect to the
-- cluster's other databases is pg_hba.conf's to enforce: docs/deployment.md shows the lines.)
--
-- Run it once as a PostgreSQL superuser; it generates both passwords and shows them once:
--   sudo -u postgres psql -v app=rollcall -f deploy/postgresql/create-database.sql
-- Options (psql -v NAME=VALUE):
--   database=NAME       the database's name (default: the app name)
--   existing_roles=1    the roles exist already: another database for them, e.g. one to restore a
--                       backup into; no password is generated or shown
--   split_existing=1    upgrade a database made by the earlier single-role script (its one role
--                       owned everything): that role becomes the runtime role, keeping its password
--                       (DATABASE_URL does not change); a new owner role takes over its database,
--                       schema and tables. Stop the instances first.
\set ON_ERROR_STOP on
\if :{?app}
\else
\echo 'set the app name: psql -v app=rollcall -f deploy/postgresql/create-database.sql'
\quit
\endif
\if :{?database}
\else
\set database :app
\endif
-- psql joins the pieces: rollcall_owner for app=rollcall
\set owner :app _owner

\if :{?existing_roles}
\elif :{?split_existing}
-- the runtime role exists (it was the only one); only the owner is new
SELECT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') AS owner_password \gset
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
\else
-- 64 hex characters each, from PostgreSQL's strong random source (gen_random_uuid, built in since 13):
-- never typed, so never in a shell history or on a command line
SELECT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') AS owner_password,
       replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') AS app_password \gset
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE :"app" LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
\endif

\if :{?split_existing}
ALTER DATABASE :"database" OWNER TO :"owner";
\else
CREATE DATABASE :"database" OWNER :"owner";
\endif
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO :"app";

\connect :"database"
\if :{?split_existing}
-- everything the single role owned in this database (schema, tables, sequences, types) moves to the owner
REASSIGN OWNED BY :"app" TO :"owner";
\endif
-- PostgreSQL 15+ already lets the database owner create tables in `public`; 13 and 14 need this.
ALTER SCHEMA public OWNER TO :"owner";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";
-- tables and sequences there now (split_existing, or a rerun after migrations) ...
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
-- ... and every one the owner creates later (migrations), without a step by hand
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app";
-- where `npm run db:verify` (and every backup) restores a copy, inside a transaction it rolls back
CREATE SCHEMA IF NOT EXISTS rollcall_scratch AUTHORIZATION :"app";

\if :{?existing_roles}
\echo 'Database' :"database" 'created for the existing roles' :"owner" 'and' :"app"
\elif :{?split_existing}
\echo
\echo 'Roles split. The owner role''s password, shown once:'
\echo '  owner role' :owner 'password' :owner_password '(MIGRATION_DATABASE_URL, db:migrate and db:restore only)'
\echo 'The runtime role' :"app" 'keeps its password: DATABASE_URL does not change.'
\else
\echo
\echo 'The two passwords, shown once: keep them.'
\echo '  runtime role' :app 'password' :app_password '(DATABASE_URL, every instance)'
\echo '  owner role' :owner 'password' :owner_password '(MIGRATION_DATABASE_URL, db:migrate and db:restore only)'
\endif

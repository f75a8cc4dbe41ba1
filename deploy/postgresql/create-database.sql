-- The PostgreSQL role and database Rollcall needs, and nothing more: the role owns its one
-- database and may not create databases or roles. Backups verify by restoring into a scratch
-- schema of this database inside a transaction that is rolled back, so this is enough for
-- `npm run db:backup`, `db:verify`, `db:restore` and `db:migrate` (docs/deployment.md).
--
-- Run it once as a PostgreSQL superuser, e.g.
--   sudo -u postgres psql -v role=rollcall -v database=rollcall -v password="$(openssl rand -hex 24)" \
--     -f deploy/postgresql/create-database.sql
-- Another database for the same role (e.g. to restore a backup into): add -v existing_role=1.
\set ON_ERROR_STOP on
\if :{?existing_role}
\else
CREATE ROLE :"role" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
\endif
CREATE DATABASE :"database" OWNER :"role";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
\connect :"database"
-- PostgreSQL 15+ already lets the database owner create tables in `public`; 13 and 14 need this.
ALTER SCHEMA public OWNER TO :"role";

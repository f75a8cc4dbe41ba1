-- hardening: the auth session that registered a passkey (it cannot step up with it).

-- AlterTable
ALTER TABLE "passkeys" ADD COLUMN "created_session_id" TEXT;

-- mail: the transactional outbox, notice-mail opt-outs, invitation and digest bookkeeping.

-- CreateEnum
CREATE TYPE "OutboxState" AS ENUM ('pending', 'sending', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "MailCategory" AS ENUM ('account', 'notice');

-- AlterTable
ALTER TABLE "approval_requests" ADD COLUMN     "announced_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "enrollments" ADD COLUMN     "invite_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "invited_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "low_attendance_alerts" ADD COLUMN     "digested_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "outbox_messages" (
    "id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "user_id" TEXT,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "headers" TEXT NOT NULL DEFAULT '{}',
    "category" "MailCategory" NOT NULL,
    "preference" TEXT,
    "contains_secret" BOOLEAN NOT NULL,
    "state" "OutboxState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL,
    "claimed_by" TEXT,
    "claimed_at" TIMESTAMP(3),
    "last_error" TEXT,
    "logged_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL,
    "sent_at" TIMESTAMP(3),
    "failed_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mail_opt_outs" (
    "user_id" TEXT NOT NULL,
    "preference" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mail_opt_outs_pkey" PRIMARY KEY ("user_id","preference")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_message_id_key" ON "outbox_messages"("message_id");

-- CreateIndex
CREATE INDEX "outbox_messages_state_next_attempt_at_idx" ON "outbox_messages"("state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_messages_state_claimed_at_idx" ON "outbox_messages"("state", "claimed_at");

-- CreateIndex
CREATE INDEX "outbox_messages_state_failed_at_idx" ON "outbox_messages"("state", "failed_at");

-- CreateIndex
CREATE INDEX "outbox_messages_created_at_idx" ON "outbox_messages"("created_at");

-- CreateIndex
CREATE INDEX "outbox_messages_user_id_idx" ON "outbox_messages"("user_id");

-- CreateIndex
CREATE INDEX "outbox_messages_recipient_idx" ON "outbox_messages"("recipient");

-- CreateIndex
CREATE INDEX "approval_requests_status_announced_at_idx" ON "approval_requests"("status", "announced_at");

-- CreateIndex
CREATE INDEX "low_attendance_alerts_digested_at_idx" ON "low_attendance_alerts"("digested_at");

-- AddForeignKey
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mail_opt_outs" ADD CONSTRAINT "mail_opt_outs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

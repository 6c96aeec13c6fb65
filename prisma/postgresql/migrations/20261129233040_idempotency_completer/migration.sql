-- AlterTable
ALTER TABLE "idempotency_records" ADD COLUMN     "completionAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "flagReason" TEXT,
ADD COLUMN     "flaggedAt" TIMESTAMP(3),
ADD COLUMN     "input" TEXT;

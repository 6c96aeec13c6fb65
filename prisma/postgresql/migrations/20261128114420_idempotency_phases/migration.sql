-- DropIndex
DROP INDEX "orders_sessionId_idempotencyKey_key";

-- AlterTable
ALTER TABLE "idempotency_records" ADD COLUMN     "phaseData" TEXT NOT NULL DEFAULT '{}';

-- CreateIndex
CREATE INDEX "orders_sessionId_idempotencyKey_idx" ON "orders"("sessionId", "idempotencyKey");

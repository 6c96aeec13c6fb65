-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_idempotency_records" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "procedure" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'IN_PROGRESS',
    "recoveryPoint" TEXT NOT NULL DEFAULT 'started',
    "phaseData" TEXT NOT NULL DEFAULT '{}',
    "lockToken" TEXT,
    "lockedUntil" DATETIME,
    "responseStatus" INTEGER,
    "responseBody" TEXT,
    "input" TEXT,
    "replayCount" INTEGER NOT NULL DEFAULT 0,
    "lastReplayedAt" DATETIME,
    "completionAttempts" INTEGER NOT NULL DEFAULT 0,
    "flaggedAt" DATETIME,
    "flagReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);
INSERT INTO "new_idempotency_records" ("createdAt", "expiresAt", "fingerprint", "id", "key", "lastReplayedAt", "lockToken", "lockedUntil", "phaseData", "procedure", "recoveryPoint", "replayCount", "responseBody", "responseStatus", "scope", "status", "updatedAt") SELECT "createdAt", "expiresAt", "fingerprint", "id", "key", "lastReplayedAt", "lockToken", "lockedUntil", "phaseData", "procedure", "recoveryPoint", "replayCount", "responseBody", "responseStatus", "scope", "status", "updatedAt" FROM "idempotency_records";
DROP TABLE "idempotency_records";
ALTER TABLE "new_idempotency_records" RENAME TO "idempotency_records";
CREATE INDEX "idempotency_records_expiresAt_idx" ON "idempotency_records"("expiresAt");
CREATE INDEX "idempotency_records_status_lockedUntil_idx" ON "idempotency_records"("status", "lockedUntil");
CREATE UNIQUE INDEX "idempotency_records_scope_key_key" ON "idempotency_records"("scope", "key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

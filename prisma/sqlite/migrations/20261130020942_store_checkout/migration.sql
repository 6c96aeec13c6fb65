-- Store checkout: product categories, order numbers, contact + shipping address, shipping and tax
-- lines, and several payment attempts per order. Existing orders get a number, their attempt count,
-- attempt 1 marked as being charged when it is still pending, and PAYMENT_FAILED becomes CANCELLED
-- (a declined order's stock was already put back).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_orders" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'AWAITING_PAYMENT',
    "currency" TEXT NOT NULL,
    "subtotalCents" INTEGER NOT NULL,
    "shippingCents" INTEGER NOT NULL DEFAULT 0,
    "taxCents" INTEGER NOT NULL DEFAULT 0,
    "totalCents" INTEGER NOT NULL,
    "email" TEXT,
    "shippingName" TEXT,
    "shippingLine1" TEXT,
    "shippingLine2" TEXT,
    "shippingCity" TEXT,
    "shippingRegion" TEXT,
    "shippingPostalCode" TEXT,
    "shippingCountry" TEXT,
    "paymentAttempts" INTEGER NOT NULL DEFAULT 0,
    "payingAttempt" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
-- An order awaiting payment was being charged (its one payment PENDING): that is attempt 1 in flight,
-- so it is neither payable with another card nor cancellable nor expirable until it settles.
INSERT INTO "new_orders" ("createdAt", "currency", "id", "idempotencyKey", "sessionId", "status", "subtotalCents", "totalCents", "updatedAt", "number", "paymentAttempts", "payingAttempt")
SELECT "createdAt", "currency", "id", "idempotencyKey", "sessionId",
    CASE "status" WHEN 'PAYMENT_FAILED' THEN 'CANCELLED' ELSE "status" END,
    "subtotalCents", "totalCents", "updatedAt",
    'IDM-' || upper(substr(hex(randomblob(8)), 1, 7)),
    (SELECT count(*) FROM "payments" WHERE "payments"."orderId" = "orders"."id"),
    CASE WHEN "status" = 'AWAITING_PAYMENT' AND EXISTS (SELECT 1 FROM "payments" WHERE "payments"."orderId" = "orders"."id" AND "payments"."status" = 'PENDING') THEN 1 END
FROM "orders";
DROP TABLE "orders";
ALTER TABLE "new_orders" RENAME TO "orders";
CREATE UNIQUE INDEX "orders_number_key" ON "orders"("number");
CREATE INDEX "orders_sessionId_idempotencyKey_idx" ON "orders"("sessionId", "idempotencyKey");
CREATE INDEX "orders_sessionId_createdAt_idx" ON "orders"("sessionId", "createdAt");
CREATE TABLE "new_payments" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "provider" TEXT NOT NULL,
    "providerIdempotencyKey" TEXT NOT NULL,
    "providerChargeId" TEXT,
    "amountCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "declineCode" TEXT,
    "cardBrand" TEXT,
    "cardLast4" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "payments_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "orders" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_payments" ("amountCents", "createdAt", "currency", "declineCode", "id", "orderId", "provider", "providerChargeId", "providerIdempotencyKey", "status", "updatedAt") SELECT "amountCents", "createdAt", "currency", "declineCode", "id", "orderId", "provider", "providerChargeId", "providerIdempotencyKey", "status", "updatedAt" FROM "payments";
DROP TABLE "payments";
ALTER TABLE "new_payments" RENAME TO "payments";
CREATE UNIQUE INDEX "payments_providerIdempotencyKey_key" ON "payments"("providerIdempotencyKey");
CREATE UNIQUE INDEX "payments_orderId_attempt_key" ON "payments"("orderId", "attempt");
CREATE TABLE "new_products" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "category" TEXT NOT NULL DEFAULT 'ACCESSORIES',
    "priceCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "stock" INTEGER NOT NULL,
    "imageUrl" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_products" ("createdAt", "currency", "description", "id", "imageUrl", "name", "priceCents", "sku", "stock", "updatedAt") SELECT "createdAt", "currency", "description", "id", "imageUrl", "name", "priceCents", "sku", "stock", "updatedAt" FROM "products";
DROP TABLE "products";
ALTER TABLE "new_products" RENAME TO "products";
CREATE UNIQUE INDEX "products_sku_key" ON "products"("sku");
CREATE INDEX "products_category_idx" ON "products"("category");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

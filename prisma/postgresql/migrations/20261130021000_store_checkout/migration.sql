-- Store checkout: product categories, order numbers, contact + shipping address, shipping and tax
-- lines, and several payment attempts per order. Existing orders get a number, their attempt count,
-- attempt 1 marked as being charged when it is still pending, and PAYMENT_FAILED becomes CANCELLED
-- (a declined order's stock was already put back).

-- CreateEnum
CREATE TYPE "ProductCategory" AS ENUM ('BREWERS', 'GRINDERS', 'BEANS', 'ACCESSORIES');

-- AlterEnum: PAYMENT_FAILED is renamed, so existing rows keep their meaning.
ALTER TYPE "OrderStatus" RENAME VALUE 'PAYMENT_FAILED' TO 'CANCELLED';

-- DropIndex
DROP INDEX "payments_orderId_key";

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "email" TEXT,
ADD COLUMN     "number" TEXT,
ADD COLUMN     "payingAttempt" INTEGER,
ADD COLUMN     "paymentAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "shippingCents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "shippingCity" TEXT,
ADD COLUMN     "shippingCountry" TEXT,
ADD COLUMN     "shippingLine1" TEXT,
ADD COLUMN     "shippingLine2" TEXT,
ADD COLUMN     "shippingName" TEXT,
ADD COLUMN     "shippingPostalCode" TEXT,
ADD COLUMN     "shippingRegion" TEXT,
ADD COLUMN     "taxCents" INTEGER NOT NULL DEFAULT 0;

-- Backfill: a number and the attempt count for every existing order. An order awaiting payment was
-- being charged (its one payment PENDING): that is attempt 1 in flight, so it is neither payable with
-- another card nor cancellable nor expirable until it settles.
UPDATE "orders" SET
  "number" = 'IDM-' || upper(substr(md5(random()::text || "id"), 1, 7)),
  "paymentAttempts" = (SELECT count(*) FROM "payments" WHERE "payments"."orderId" = "orders"."id"),
  "payingAttempt" = CASE WHEN "status" = 'AWAITING_PAYMENT' AND EXISTS (SELECT 1 FROM "payments" WHERE "payments"."orderId" = "orders"."id" AND "payments"."status" = 'PENDING') THEN 1 END;
ALTER TABLE "orders" ALTER COLUMN "number" SET NOT NULL;

-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "cardBrand" TEXT,
ADD COLUMN     "cardLast4" TEXT;

-- AlterTable
ALTER TABLE "products" ADD COLUMN     "category" "ProductCategory" NOT NULL DEFAULT 'ACCESSORIES';

-- CreateIndex
CREATE UNIQUE INDEX "orders_number_key" ON "orders"("number");

-- CreateIndex
CREATE UNIQUE INDEX "payments_orderId_attempt_key" ON "payments"("orderId", "attempt");

-- CreateIndex
CREATE INDEX "products_category_idx" ON "products"("category");

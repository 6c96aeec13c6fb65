-- The expiry job finds unpaid orders by status and age.
CREATE INDEX "orders_status_updatedAt_idx" ON "orders"("status", "updatedAt");

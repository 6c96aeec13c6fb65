import type { Metadata } from 'next';
import { serverCaller } from '~/server/caller';
import { GatewayChaosForm } from '~/components/ops/GatewayChaosForm';
import { IdempotencyRecordsTable } from '~/components/ops/IdempotencyRecordsTable';
import { RecordFilters } from '~/components/ops/RecordFilters';
import { RefreshButton } from '~/components/ops/RefreshButton';
import { parseOpsFilters } from '~/components/ops/ops-filters';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Operator — Idem Shop' };

const KNOWN_PROCEDURES = ['checkout.placeOrder'] as const;

export default async function OpsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = parseOpsFilters(await searchParams);
  const caller = await serverCaller();
  const records = await caller.ops.idempotencyRecords({ ...filters, limit: 100 });
  return (
    <section aria-labelledby="page-heading" className="ops">
      <div className="page-title-row">
        <h1 id="page-heading">Operator</h1>
        <RefreshButton />
      </div>
      <GatewayChaosForm />
      <section aria-labelledby="records-heading" className="ops-records">
        <h2 id="records-heading">Idempotency records</h2>
        <RecordFilters filters={filters} procedures={KNOWN_PROCEDURES} />
        <p className="muted small" role="status">
          {records.length} {records.length === 1 ? 'record' : 'records'} (newest first, at most 100)
        </p>
        <IdempotencyRecordsTable records={records} now={Date.now()} />
      </section>
    </section>
  );
}

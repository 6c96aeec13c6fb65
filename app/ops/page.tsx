import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { GatewayChaosForm } from '~/components/ops/GatewayChaosForm';
import { IdempotencyRecordsTable } from '~/components/ops/IdempotencyRecordsTable';
import { OperatorSignIn } from '~/components/ops/OperatorSignIn';
import { ReconciliationTable } from '~/components/ops/ReconciliationTable';
import { RecordFilters } from '~/components/ops/RecordFilters';
import { RefreshButton } from '~/components/ops/RefreshButton';
import { parseOpsFilters } from '~/components/ops/ops-filters';
import { readServerEnv } from '~/server/env';
import { authenticateOperator } from '~/server/ops-auth/authenticate-operator';
import { operatorCaller } from './operator-caller';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Operator — Idem Shop', robots: { index: false } };

const KNOWN_PROCEDURES = ['checkout.placeOrder'] as const;
const env = readServerEnv();

/** Reachable at /ops only (not in the shop's menu), and only with the operator credential. */
export default async function OpsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const requestHeaders = await headers();
  const auth = authenticateOperator(requestHeaders, { opsToken: env.OPS_TOKEN });
  if (!auth.ok) {
    return (
      <section aria-labelledby="page-heading" className="ops">
        <h1 id="page-heading">Operator</h1>
        <OperatorSignIn refusal={auth.code} message={auth.message} outcome={typeof params.signin === 'string' ? params.signin : undefined} />
      </section>
    );
  }
  const filters = parseOpsFilters(params);
  const caller = operatorCaller(requestHeaders);
  const [records, reconciliation] = await Promise.all([caller.ops.idempotencyRecords({ ...filters, limit: 100 }), caller.ops.reconciliation()]);
  return (
    <section aria-labelledby="page-heading" className="ops">
      <div className="page-title-row">
        <h1 id="page-heading">Operator</h1>
        <RefreshButton />
        {auth.via === 'cookie' ? (
          <form method="post" action="/api/ops/sign-out">
            <button type="submit" className="button link">
              Sign out
            </button>
          </form>
        ) : null}
      </div>
      <GatewayChaosForm />
      <section aria-labelledby="reconciliation-heading" className="ops-records">
        <h2 id="reconciliation-heading">Reconciliation</h2>
        <ReconciliationTable report={reconciliation} />
      </section>
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

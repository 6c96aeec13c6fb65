import type { IdempotencyRecordRow } from '~/client/shop-types';
import { DateTime } from '../common/DateTime';
import { RetryFlaggedButton } from './RetryFlaggedButton';

/** Idempotency records as an operator reads them: who, what, how far it got, its lock and expiry, and its replays. */
export function IdempotencyRecordsTable({ records, now }: { records: IdempotencyRecordRow[]; now: number }) {
  if (records.length === 0) return <p className="empty">No records match.</p>;
  return (
    <div className="card table-scroll">
      <table className="lines records">
        <caption className="visually-hidden">Idempotency records, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Scope</th>
            <th scope="col">Procedure</th>
            <th scope="col">Status</th>
            <th scope="col">Recovery point</th>
            <th scope="col">Lock</th>
            <th scope="col">Response</th>
            <th scope="col" className="num">
              Replays
            </th>
            <th scope="col">Created / expires</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <RecordRow key={r.id} record={r} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One record's row. */
function RecordRow({ record: r, now }: { record: IdempotencyRecordRow; now: number }) {
  return (
    <tr data-testid="record-row">
      <td className="mono">{r.keyPreview}</td>
      <td className="mono">{r.scopePreview}</td>
      <td className="mono">{r.procedure}</td>
      <td>
        {r.flaggedAt ? (
          <>
            <span className="status-badge status-flagged">Needs attention</span>
            <span className="stacked muted small">{r.flagReason}</span>
            <RetryFlaggedButton id={r.id} />
          </>
        ) : (
          <span className={`status-badge status-${r.status.toLowerCase().replaceAll('_', '-')}`}>{r.status === 'IN_PROGRESS' ? 'In progress' : 'Completed'}</span>
        )}
        {r.completionAttempts > 0 ? <span className="stacked muted small">completer tried {r.completionAttempts}×</span> : null}
      </td>
      <td className="mono">{r.recoveryPoint}</td>
      <td>{lockText(r.lockedUntil, now)}</td>
      <td>{r.responseStatus ?? '—'}</td>
      <td className="num">
        {r.replayCount}
        {r.lastReplayedAt ? (
          <span className="stacked muted small">
            last <DateTime iso={r.lastReplayedAt} format="time" />
          </span>
        ) : null}
      </td>
      <td>
        <DateTime iso={r.createdAt} format="time" />
        <span className="stacked muted small">
          expires <DateTime iso={r.expiresAt} format="short" />
        </span>
      </td>
    </tr>
  );
}

function lockText(lockedUntil: string | null, now: number): string {
  if (!lockedUntil) return '—';
  const left = Math.ceil((Date.parse(lockedUntil) - now) / 1000);
  return left > 0 ? `held, ${left} s left` : 'expired (a retry or the completer may take over)';
}

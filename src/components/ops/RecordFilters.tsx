import Link from 'next/link';
import type { OpsFilters } from './ops-filters';

/** Filters for the records table: a plain GET form, so it works before any script loads. */
export function RecordFilters({ filters, procedures }: { filters: OpsFilters; procedures: readonly string[] }) {
  return (
    <form method="get" action="/ops" className="filters" aria-label="Filter idempotency records">
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" name="status" defaultValue={filters.status ?? ''}>
          <option value="">Any</option>
          <option value="IN_PROGRESS">In progress</option>
          <option value="COMPLETED">Completed</option>
          <option value="FLAGGED">Needs attention</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-procedure">Procedure</label>
        <input id="filter-procedure" name="procedure" list="known-procedures" defaultValue={filters.procedure ?? ''} placeholder="any" />
        <datalist id="known-procedures">
          {procedures.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </div>
      <div className="filter-actions">
        <button type="submit" className="button">
          Apply filters
        </button>
        <Link href="/ops" className="button link">
          Clear
        </Link>
      </div>
    </form>
  );
}

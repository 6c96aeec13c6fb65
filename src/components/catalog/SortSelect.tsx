'use client';

/** One choice of the sort menu. */
export interface SortOption {
  value: string;
  label: string;
}

/** The sort menu of the catalog's search form: with JavaScript, choosing submits the form at once. */
export function SortSelect({ id, value, options }: { id: string; value: string; options: readonly SortOption[] }) {
  return (
    <select id={id} name="sort" defaultValue={value} onChange={(event) => event.currentTarget.form?.requestSubmit()}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

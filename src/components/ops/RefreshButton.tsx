'use client';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';

/** Re-renders the page's server data (records, chaos settings) without a full reload. */
export function RefreshButton({ label = 'Refresh' }: { label?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button type="button" className="button" onClick={() => startTransition(() => router.refresh())} disabled={pending} aria-busy={pending}>
      {pending ? 'Refreshing…' : label}
    </button>
  );
}

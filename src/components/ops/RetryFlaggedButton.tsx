'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { shopErrorOf } from '~/client/shop-error';
import { useTRPC } from '~/client/trpc';

/** Hands a flagged record back to the completer, which tries it again on its next run. */
export function RetryFlaggedButton({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const retry = useMutation({ ...trpc.ops.retryFlaggedRecord.mutationOptions(), onSuccess: () => router.refresh() });
  return (
    <>
      <button type="button" className="button small" onClick={() => retry.mutate({ id })} disabled={retry.isPending} aria-busy={retry.isPending}>
        {retry.isPending ? 'Handing back…' : 'Retry'}
      </button>
      {retry.error ? <span className="stacked small" role="alert">{shopErrorOf(retry.error).message}</span> : null}
    </>
  );
}

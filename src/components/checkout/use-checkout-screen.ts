'use client';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '~/client/trpc';
import type { CountryCode } from '~/shared/countries';
import type { CheckoutScreen } from '~/client/shop-types';

/**
 * The checkout screen's data for a destination: the quote follows the country, so choosing another
 * one asks the server again. Until it answers, the previous country's screen stays (`updating`).
 * `initial` is what the server rendered, for `initialCountry`: fresh on every visit (the page is
 * dynamic), so it replaces what the cache kept from an earlier visit in this page load.
 */
export function useCheckoutScreen(initial: CheckoutScreen, initialCountry: CountryCode, country: CountryCode) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    queryClient.setQueryData(trpc.checkout.screen.queryKey({ country: initialCountry }), initial);
  }, [queryClient, trpc, initial, initialCountry]);
  const query = useQuery({
    ...trpc.checkout.screen.queryOptions({ country }),
    initialData: country === initialCountry ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  return { screen: query.data ?? initial, updating: query.isPlaceholderData || (query.isFetching && query.data === undefined) };
}

'use client';
import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React runs in the browser. Controls
 * that only work with JavaScript stay disabled until then: a Pay button pressed before hydration
 * would otherwise submit the form natively (a page reload), and a stepper would do nothing.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}

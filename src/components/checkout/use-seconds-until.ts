'use client';
import { useEffect, useState } from 'react';

/** Whole seconds left until `at` (epoch ms), re-rendering as they tick down; `null` without a time. */
export function useSecondsUntil(at: number | null): number | null {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (at === null) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 200);
    return () => clearInterval(timer);
  }, [at]);
  // Read the clock while rendering: a stored "now" would be stale on the render that brings a new `at`.
  return at === null ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

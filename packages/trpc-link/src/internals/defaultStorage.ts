import type { JournalStorage } from '../JournalStorage.js';
import { memoryStorage } from '../memoryStorage.js';
import { webStorage } from '../webStorage.js';

/** Persist where the platform can (browsers), else keep keys for the life of the process. */
export function defaultStorage(): JournalStorage {
  try {
    if (typeof globalThis.localStorage?.getItem === 'function') return webStorage();
  } catch {
    // reading `localStorage` throws where storage is disabled
  }
  return memoryStorage();
}

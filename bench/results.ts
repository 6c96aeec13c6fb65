/** What one `npm run bench` measured, as the report reads it. */
import type { LoadResult } from './load';
import type { Machine } from './machine';
import type { SelfTime } from './cpu-profile';
import type { StormResult } from './storm';

/** One row's repetitions (interleaved with the other rows of its group). */
export type Runs = LoadResult[];

export interface ProviderResults {
  provider: 'sqlite' | 'postgresql';
  /** Rows by name: `serve:first`, `serve:replay`, `serve:catalog`, `serve:first@large`, …, `base:plain`, `base:idem`, `next:*`. */
  rows: Record<string, Runs>;
  singleMs: number;
  storms: StormResult[];
  records: { small: number; large: number };
  sweeper: { deleted: number; perSecond: number };
  /** Why `next start` was not measured, when it was not. */
  nextSkipped?: string;
}

export interface PeerResults {
  name: string;
  store: string;
  rows: Record<'plain' | 'idem' | 'first' | 'replay', Runs>;
  stormExecutions: number[];
  note?: string;
}

export interface BenchResults {
  startedAt: Date;
  /** The code measured: HEAD, and whether the tree had uncommitted changes. */
  commit?: string;
  durationS: number;
  settings: { rowSeconds: number; repetitions: number; connections: number; quick: boolean };
  machine: Machine;
  load: { atStart: number; median: number; max: number };
  providers: ProviderResults[];
  skipped: string[];
  link: { withLinkMs: number; withoutLinkMs: number; overheadMs: number };
  profile?: { provider: string; totalMs: number; functions: SelfTime[]; areas: SelfTime[] };
  peers: PeerResults[];
  peersSkipped?: string;
}

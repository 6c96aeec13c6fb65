/** What one `npm run bench` measured, as the report reads it. */
import type { LoadResult } from './load';
import type { Machine } from './machine';
import type { SelfTime } from './cpu-profile';
import type { StormResult } from './storm';
import type { PeerStormResult } from './peers/peer-storm';

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

/** One peer variant: a library on one store, against its own plain baseline (bench/peers/). */
export interface PeerResults {
  /** The npm package. */
  name: string;
  store: string;
  /** `plain`: the same route without the library; `first`: a new key each request; `replay`: one stored key again. */
  rows: Partial<Record<'plain' | 'first' | 'replay', Runs>>;
  storms: PeerStormResult[];
  /** Why the variant was not measured (no Redis answered, or it failed), when it was not. */
  skipped?: string;
}

export interface BenchResults {
  startedAt: Date;
  /** The code measured: HEAD, and whether the tree had uncommitted changes. */
  commit?: string;
  durationS: number;
  /** `only: 'peers'`: the run measured the peers alone. */
  settings: { rowSeconds: number; repetitions: number; connections: number; quick: boolean; only?: 'peers' };
  machine: Machine;
  load: { atStart: number; median: number; max: number };
  providers: ProviderResults[];
  skipped: string[];
  link: { withLinkMs: number; withoutLinkMs: number; overheadMs: number };
  profile?: { provider: string; totalMs: number; functions: SelfTime[]; areas: SelfTime[] };
  peers: PeerResults[];
  /** Why no peer was measured (`--no-peers`), when none was. */
  peersSkipped?: string;
}

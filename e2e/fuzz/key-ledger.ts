/**
 * Which principal sent which key, with which inputs, so that answers can be judged: a replay
 * (`Idempotent-Replayed: true`) is only for a principal that sent the key before, and 422
 * IDEMPOTENCY_KEY_REUSED only for one that sent the key with another input before — either one
 * seen by a principal that did not is another principal's record answering it — and every 200 to
 * one principal for one key and input is the same, byte for byte (executed once, replayed after).
 */
import { fromParser, opOutcomes, type Exchange, type Violation } from './oracles';
import { SHARED_KEY_COUNT, sharedKey } from './shop-inputs';

const SHARED_KEYS = new Set(Array.from({ length: SHARED_KEY_COUNT }, (_, i) => sharedKey(i).key));

export class KeyLedger {
  /** `principal \0 key` → how many times it was sent. */
  private readonly sends = new Map<string, number>();
  /** `principal \0 key` → the inputs it was sent with (a unique placeholder when unknown). */
  private readonly inputs = new Map<string, Set<string>>();
  /** `principal \0 key \0 input` → the first 200 body: every later 200 for them must be the same bytes. */
  private readonly answers = new Map<string, string>();
  /** Per principal: key headers the fuzzer cannot split as the server will; any key they contain counts as sent. */
  private readonly unclear = new Map<number, string[]>();

  /**
   * Judges a batch of exchanges sent at the same time: what each principal sent before the batch
   * counts, and so does what it sent within it, in any order.
   */
  judgeBatch(exchanges: readonly Exchange[]): Violation[] {
    const before = new Map(this.sends);
    for (const x of exchanges) this.record(x);
    return exchanges.flatMap((x) => this.judge(x, before));
  }

  private record(x: Exchange): void {
    const { principal, ops } = x.intent;
    if (principal === null) return;
    for (const op of ops) {
      if (op.key.state === 'unknown') this.unclear.set(principal, [...(this.unclear.get(principal) ?? []), op.key.header]);
      if (op.key.state !== 'valid') continue;
      const id = `${principal}\0${op.key.key}`;
      this.sends.set(id, (this.sends.get(id) ?? 0) + 1);
      const inputs = this.inputs.get(id) ?? new Set<string>();
      inputs.add(op.inputText ?? `unknown input #${this.sends.get(id)}`);
      this.inputs.set(id, inputs);
    }
  }

  private judge(x: Exchange, before: ReadonlyMap<string, number>): Violation[] {
    const { principal, ops } = x.intent;
    if (principal === null || !x.outcome.ok || fromParser(x)) return [];
    const { status, headers, body } = x.outcome.response;
    const outcomes = opOutcomes(status, body) ?? [];
    const found: Violation[] = [];
    const inUnclearHeader = (key: string) => this.unclear.get(principal)?.some((h) => h.includes(key)) ?? false;
    // One operation only: the response-wide Idempotent-Replayed header is its own.
    const only = ops.length === 1 ? ops[0] : undefined;
    if (headers['idempotent-replayed'] !== undefined && only?.key.state === 'valid') {
      const id = `${principal}\0${only.key.key}`;
      const earlier = before.get(id) ?? 0;
      const withinBatch = (this.sends.get(id) ?? 0) - earlier;
      if (earlier === 0 && withinBatch < 2 && !inUnclearHeader(only.key.key)) {
        found.push({ kind: 'replay-without-prior-key', detail: `principal ${principal} was answered with a replay of key ${JSON.stringify(only.key.key)} it had not sent before`, exchange: x });
      }
    }
    if (status === 200 && only?.key.state === 'valid' && only.inputText !== undefined && only.info?.idempotent) {
      const id = `${principal}\0${only.key.key}\0${only.inputText}`;
      const first = this.answers.get(id);
      if (first === undefined) this.answers.set(id, body);
      else if (first !== body) found.push({ kind: 'replay-differs', detail: `principal ${principal}, key ${JSON.stringify(only.key.key)}, same input: a 200 with another body than the first (${first.slice(0, 200)})`, exchange: x });
    }
    ops.forEach((op, i) => {
      if (op.key.state !== 'valid' || !SHARED_KEYS.has(op.key.key) || outcomes[i]?.code !== 'IDEMPOTENCY_KEY_REUSED') return;
      const inputs = this.inputs.get(`${principal}\0${op.key.key}`)?.size ?? 0;
      if (inputs < 2 && !inUnclearHeader(op.key.key)) {
        found.push({ kind: 'key-reuse-across-principals', detail: `principal ${principal} got 422 IDEMPOTENCY_KEY_REUSED for ${op.key.key}, which it only ever sent with one input`, exchange: x });
      }
    });
    return found;
  }
}

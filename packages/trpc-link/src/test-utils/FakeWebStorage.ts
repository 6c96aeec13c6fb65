/**
 * An in-memory `Storage` (Node has no `localStorage`), optionally with a quota: a write that
 * would exceed `quota` characters throws `QuotaExceededError` like a full browser storage.
 */
export class FakeWebStorage implements Storage {
  [name: string]: unknown;
  readonly #items = new Map<string, string>();
  constructor(private readonly quota = Number.POSITIVE_INFINITY) {}

  get length(): number {
    return this.#items.size;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  getItem(name: string): string | null {
    return this.#items.get(name) ?? null;
  }
  setItem(name: string, value: string): void {
    let used = name.length + value.length;
    for (const [other, stored] of this.#items) if (other !== name) used += other.length + stored.length;
    if (used > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.#items.set(name, value);
  }
  removeItem(name: string): void {
    this.#items.delete(name);
  }
  clear(): void {
    this.#items.clear();
  }
}

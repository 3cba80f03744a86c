/**
 * The ordered results of recent SearchMedia queries. A traversal asks the same query once per
 * page; filtering and sorting a library of 100,000 items again for each of its 1,000 pages would
 * make the emulator, not the client, the thing a benchmark measures. The library's edits clear
 * it, so a page never shows a stale result.
 */
export class SearchCache {
  private readonly entries = new Map<string, readonly unknown[]>()

  constructor(private readonly capacity = 8) {}

  /** The results of `query`, computed once until the library changes. */
  results<T>(query: string, compute: () => T[]): readonly T[] {
    const known = this.entries.get(query)
    if (known) {
      // Most recently used last, so the oldest query is the one dropped.
      this.entries.delete(query)
      this.entries.set(query, known)
      return known as readonly T[]
    }
    const computed = compute()
    this.entries.set(query, computed)
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    return computed
  }

  clear(): void {
    this.entries.clear()
  }
}

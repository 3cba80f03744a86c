/**
 * Runs synchronous work for an async handler: its value resolves, its throw rejects. Handlers
 * must never throw synchronously, because a bridge may call them without a surrounding `try`.
 */
export function settle<Value>(work: () => Value): Promise<Value> {
  return new Promise((resolve) => resolve(work()))
}

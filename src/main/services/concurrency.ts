/**
 * Maps over items with at most `limit` calls in flight, keeping the order of the results. A
 * batch over a thousand media items must not fire a thousand API calls at once (VOD throttles),
 * nor wait for each one in turn.
 */
export async function mapWithConcurrency<Item, Result>(
  items: readonly Item[],
  limit: number,
  work: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  const results = new Array<Result>(items.length)
  let next = 0
  let failed = false
  async function worker(): Promise<void> {
    while (next < items.length && !failed) {
      const index = next
      next += 1
      try {
        results[index] = await work(items[index] as Item, index)
      } catch (error) {
        // The whole map fails; the other workers stop taking new items.
        failed = true
        throw error
      }
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker())
  await Promise.all(workers)
  return results
}

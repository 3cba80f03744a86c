/**
 * Maps items with at most `concurrency` calls of `work` running at once, yielding the results in
 * the order of the items. Items are pulled from the source only as slots free up, so a source
 * that pages through millions of search results is read no faster than the work keeps up.
 *
 * The first failure is thrown (in order) and no further items are started; work already
 * running is left to finish and its failures are swallowed, since nobody waits for them.
 */
export async function* mapInOrder<Item, Result>(
  source: AsyncIterable<Item> | Iterable<Item>,
  concurrency: number,
  work: (item: Item) => Promise<Result>,
): AsyncGenerator<Result, void, undefined> {
  const limit = Math.max(1, Math.floor(concurrency))
  const iterator = toAsyncIterator(source)
  const running: Array<Promise<Result>> = []
  let exhausted = false
  try {
    for (;;) {
      while (!exhausted && running.length < limit) {
        const next = await iterator.next()
        if (next.done) {
          exhausted = true
          break
        }
        const started = work(next.value)
        // Observed here so a failure behind the head never counts as unhandled.
        started.catch(() => undefined)
        running.push(started)
      }
      const head = running.shift()
      if (head === undefined) return
      yield await head
    }
  } finally {
    if (!exhausted) await iterator.return?.()
  }
}

function toAsyncIterator<Item>(source: AsyncIterable<Item> | Iterable<Item>): AsyncIterator<Item> {
  if (Symbol.asyncIterator in source) return source[Symbol.asyncIterator]()
  const iterator = source[Symbol.iterator]()
  return {
    next: () => Promise.resolve(iterator.next()),
    return: () => Promise.resolve(iterator.return?.() ?? { done: true, value: undefined }),
  }
}

/** One line of the Downloads list: a job, or a large batch of jobs shown as one row. */
export type ListEntry =
  | { kind: 'job'; id: number }
  | { kind: 'batch'; batchId: number; ids: readonly number[]; expanded: boolean }

/** Batches at least this large (thousands of thumbnails) get one row instead of one per file. */
export const batchRowMinimum = 20

/**
 * Folds the jobs of each large batch into one row placed where its first job stands; an expanded
 * batch keeps its row and lists its jobs right under it. Pure, so list order stays the queue's.
 */
export function groupIntoBatches(
  ids: readonly number[],
  batchOf: (id: number) => number | null,
  expanded: ReadonlySet<number>,
  minimum: number = batchRowMinimum,
): ListEntry[] {
  const members = new Map<number, number[]>()
  for (const id of ids) {
    const batchId = batchOf(id)
    if (batchId === null) continue
    let list = members.get(batchId)
    if (!list) {
      list = []
      members.set(batchId, list)
    }
    list.push(id)
  }
  const entries: ListEntry[] = []
  const placed = new Set<number>()
  for (const id of ids) {
    const batchId = batchOf(id)
    const batch = batchId === null ? undefined : members.get(batchId)
    if (batchId === null || !batch || batch.length < minimum) {
      entries.push({ kind: 'job', id })
      continue
    }
    if (placed.has(batchId)) continue
    placed.add(batchId)
    const isExpanded = expanded.has(batchId)
    entries.push({ kind: 'batch', batchId, ids: batch, expanded: isExpanded })
    if (isExpanded) for (const member of batch) entries.push({ kind: 'job', id: member })
  }
  return entries
}

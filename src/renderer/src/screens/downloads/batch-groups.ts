/** One line of the Downloads list: a job, or the header row of a batch of jobs. */
export type ListEntry =
  | { kind: 'job'; id: number; key: string; inBatch: boolean }
  | { kind: 'batch'; batchId: number; ids: readonly number[]; expanded: boolean; key: string }

/** Batches at least this large (thousands of thumbnails) start folded into their header row. */
export const batchRowMinimum = 20

/** The list key of a job row and of a batch row (selection keys too). */
export function jobKey(id: number): string {
  return `j:${id}`
}

export function batchKey(batchId: number): string {
  return `b:${batchId}`
}

/**
 * Gives every batch of two or more jobs a header row placed where its first job stands, with
 * its jobs listed under it unless folded: a batch of `minimum` or more starts folded, a smaller
 * one open, and `toggled` flips that per batch. Pure, so list order stays the queue's.
 */
export function groupIntoBatches(
  ids: readonly number[],
  batchOf: (id: number) => number | null,
  toggled: ReadonlySet<number>,
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
    if (batchId === null || !batch || batch.length < 2) {
      entries.push({ kind: 'job', id, key: jobKey(id), inBatch: false })
      continue
    }
    if (placed.has(batchId)) continue
    placed.add(batchId)
    const expanded = batch.length < minimum !== toggled.has(batchId)
    entries.push({ kind: 'batch', batchId, ids: batch, expanded, key: batchKey(batchId) })
    if (expanded) {
      for (const member of batch) {
        entries.push({ kind: 'job', id: member, key: jobKey(member), inBatch: true })
      }
    }
  }
  return entries
}

/** The job ids a set of selection keys stands for (a batch row stands for all its jobs). */
export function idsOfKeys(keys: Iterable<string>, entries: readonly ListEntry[]): number[] {
  const wanted = new Set(keys)
  const ids = new Set<number>()
  for (const entry of entries) {
    if (!wanted.has(entry.key)) continue
    if (entry.kind === 'job') ids.add(entry.id)
    else for (const id of entry.ids) ids.add(id)
  }
  return [...ids]
}

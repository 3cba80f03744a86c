import type { JobSnapshot, JobState } from '../../../../shared/jobs'

/** How the list is ordered: the queue's own order, or by a column. */
export const downloadSorts = ['queue', 'name', 'state', 'size', 'added'] as const
export type DownloadSort = (typeof downloadSorts)[number]

export interface DownloadView {
  /** Matched against the file name and the source label, ignoring case. */
  query: string
  sort: DownloadSort
  descending: boolean
}

export const defaultDownloadView: DownloadView = { query: '', sort: 'queue', descending: false }

/** Running first, then what waits for the user, then what is done. */
const stateRank: Record<JobState, number> = {
  downloading: 0,
  refreshing: 0,
  verifying: 0,
  probing: 1,
  retrying: 2,
  queued: 3,
  paused: 4,
  failed: 5,
  completed: 6,
  canceled: 7,
}

/** True when the list shows the queue as it runs, so batch rows and reordering make sense. */
export function showsQueueOrder(view: DownloadView): boolean {
  return view.sort === 'queue' && !view.descending && view.query.trim() === ''
}

/**
 * The ids to show, searched and sorted. Pure; `ids` come in queue order (the store's), so the
 * queue sort returns them as they are (same array: the list does not re-render for nothing),
 * and ties in any other sort keep queue order.
 */
export function applyDownloadView(
  ids: readonly number[],
  snapshotOf: (id: number) => JobSnapshot | undefined,
  view: DownloadView,
): readonly number[] {
  const query = view.query.trim().toLowerCase()
  if (view.sort === 'queue' && !view.descending && query === '') return ids
  let rows = ids.flatMap((id, index) => {
    const snapshot = snapshotOf(id)
    return snapshot ? [{ id, index, snapshot }] : []
  })
  if (query !== '') {
    rows = rows.filter(
      ({ snapshot }) =>
        snapshot.fileName.toLowerCase().includes(query) ||
        snapshot.label.toLowerCase().includes(query),
    )
  }
  const compare = comparatorFor(view.sort)
  const direction = view.descending ? -1 : 1
  rows.sort((left, right) => {
    const order = compare(left.snapshot, right.snapshot) * direction
    return order !== 0 ? order : left.index - right.index
  })
  return rows.map((row) => row.id)
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

function comparatorFor(sort: DownloadSort): (left: JobSnapshot, right: JobSnapshot) => number {
  switch (sort) {
    case 'queue':
      return () => 0
    case 'name':
      return (left, right) => collator.compare(displayName(left), displayName(right))
    case 'state':
      return (left, right) => stateRank[left.state] - stateRank[right.state]
    case 'size':
      // Unknown sizes last.
      return (left, right) =>
        (left.totalBytes ?? Number.MAX_SAFE_INTEGER) - (right.totalBytes ?? Number.MAX_SAFE_INTEGER)
    case 'added':
      return (left, right) => left.createdAt - right.createdAt
  }
}

/** The name a row shows: the file name, or the source (the URL) before a name is known. */
export function displayName(snapshot: JobSnapshot): string {
  return snapshot.fileName !== '' ? snapshot.fileName : snapshot.label
}

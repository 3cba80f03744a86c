import { describe, expect, it } from 'vitest'
import { groupIntoBatches } from '../../../src/renderer/src/screens/downloads/batch-groups'

const batchOf = (batches: Record<number, number>) => (id: number) => batches[id] ?? null

describe('groupIntoBatches', () => {
  it('folds a large batch into one row where its first job stands, and keeps small ones as rows', () => {
    const batches = { 2: 9, 3: 9, 4: 9, 6: 5 }
    const entries = groupIntoBatches([1, 2, 3, 4, 6, 7], batchOf(batches), new Set(), 3)
    expect(entries).toEqual([
      { kind: 'job', id: 1 },
      { kind: 'batch', batchId: 9, ids: [2, 3, 4], expanded: false },
      { kind: 'job', id: 6 },
      { kind: 'job', id: 7 },
    ])
  })

  it('lists an expanded batch under its row', () => {
    const entries = groupIntoBatches([2, 1, 3], batchOf({ 2: 9, 3: 9 }), new Set([9]), 2)
    expect(entries).toEqual([
      { kind: 'batch', batchId: 9, ids: [2, 3], expanded: true },
      { kind: 'job', id: 2 },
      { kind: 'job', id: 3 },
      { kind: 'job', id: 1 },
    ])
  })
})

import { describe, expect, it } from 'vitest'
import {
  groupIntoBatches,
  idsOfKeys,
} from '../../../src/renderer/src/screens/downloads/batch-groups'

const batchOf = (batches: Record<number, number>) => (id: number) => batches[id] ?? null

function shape(entries: ReturnType<typeof groupIntoBatches>): string[] {
  return entries.map((entry) =>
    entry.kind === 'batch'
      ? `batch ${entry.batchId} [${entry.ids.join(',')}] ${entry.expanded ? 'open' : 'folded'}`
      : `${entry.inBatch ? '  ' : ''}job ${entry.id}`,
  )
}

describe('groupIntoBatches', () => {
  it('folds a large batch into its row where its first job stands; a small one stays open', () => {
    const batches = { 2: 9, 3: 9, 4: 9, 6: 5, 8: 5 }
    const entries = groupIntoBatches([1, 2, 3, 4, 6, 7, 8], batchOf(batches), new Set(), 3)
    expect(shape(entries)).toEqual([
      'job 1',
      'batch 9 [2,3,4] folded',
      'batch 5 [6,8] open',
      '  job 6',
      '  job 8',
      'job 7',
    ])
  })

  it('flips a batch the user toggled, and a batch row stands for all its jobs', () => {
    const entries = groupIntoBatches([2, 1, 3], batchOf({ 2: 9, 3: 9 }), new Set([9]), 2)
    expect(shape(entries)).toEqual(['batch 9 [2,3] open', '  job 2', '  job 3', 'job 1'])
    expect(idsOfKeys(['b:9', 'j:1'], entries).sort()).toEqual([1, 2, 3])
  })
})

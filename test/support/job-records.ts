import type { NewJobRecord } from '../../src/main/database/job-repository'

/**
 * A new job for a plain address, the way the engine's callers build one; a test overrides what it
 * is about (state, source, size, connections).
 */
export function newUrlJob(directory: string, overrides: Partial<NewJobRecord> = {}): NewJobRecord {
  return {
    batchId: null,
    state: 'queued',
    source: { kind: 'url', url: 'https://cdn.example/file.bin' },
    directory,
    requestedName: null,
    connections: 1,
    priority: 0,
    expectedSize: null,
    expectedMd5: null,
    expectedCrc64: null,
    createdAt: 1_000,
    ...overrides,
  }
}

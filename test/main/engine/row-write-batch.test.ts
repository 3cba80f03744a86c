import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type SqliteDatabase } from '../../../src/main/database/connection'
import { JobRepository, type JobPatch } from '../../../src/main/database/job-repository'
import { RowWriteBatch } from '../../../src/main/engine/row-write-batch'
import { newUrlJob } from '../../support/job-records'

let folder: string
let database: SqliteDatabase
let repository: JobRepository

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vod-row-batch-'))
  database = openDatabase(join(folder, 'jobs.sqlite'))
  repository = new JobRepository(database)
})
afterEach(async () => {
  database.close()
  await rm(folder, { recursive: true, force: true })
})

function addJobs(count: number): number[] {
  return repository
    .insertMany(
      Array.from({ length: count }, (_, index) =>
        newUrlJob(folder, {
          state: 'downloading',
          source: { kind: 'url', url: `https://cdn.example/${index}.jpg` },
        }),
      ),
    )
    .map((record) => record.id)
}

describe('RowWriteBatch', () => {
  it('commits the rows written in one turn in one transaction, before any writer resumes', async () => {
    const ids = addJobs(5)
    const transactions: number[] = []
    const batch = new RowWriteBatch((rows) => {
      transactions.push(rows.length)
      repository.updateMany(rows)
    })
    const written = ids
      .slice(0, 3)
      .map((id) =>
        batch
          .write(id, { state: 'completed', completedAt: 2_000 })
          .then(() => repository.get(id)?.state),
      )
    expect(await Promise.all(written)).toEqual(['completed', 'completed', 'completed'])
    // A later turn gets a transaction of its own.
    await batch.write(ids[3] as number, { state: 'completed' })
    expect(transactions).toEqual([3, 1])
    expect(repository.get(ids[4] as number)?.state).toBe('downloading')
  })

  it('fails every write of a transaction that could not be committed, and writes none of them', async () => {
    const ids = addJobs(2)
    const batch = new RowWriteBatch((rows: ReadonlyArray<{ id: number; patch: JobPatch }>) =>
      repository.transaction(() => {
        repository.updateMany(rows)
        throw new Error('database is locked')
      }),
    )
    const results = await Promise.allSettled(
      ids.map((id) => batch.write(id, { state: 'completed' })),
    )
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected'])
    expect(ids.map((id) => repository.get(id)?.state)).toEqual(['downloading', 'downloading'])
  })
})

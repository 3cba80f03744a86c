import type { JobPatch } from '../database/job-repository'

interface PendingWrite {
  id: number
  patch: JobPatch
  resolve: () => void
  reject: (error: unknown) => void
}

/**
 * Gathers the job rows written in one turn of the event loop and writes them in one
 * transaction. Thousands of small files end a few at a time: each SQLite transaction costs
 * about thirty system calls (locks and WAL writes) whatever it holds, so the files that end
 * together share one. A caller waits for its own row to be committed, and a failed
 * transaction (the database kept busy past its timeout) fails every write it held.
 */
export class RowWriteBatch {
  private pending: PendingWrite[] = []

  constructor(
    private readonly writeRows: (rows: ReadonlyArray<{ id: number; patch: JobPatch }>) => void,
  ) {}

  /** Resolves once `patch` is committed with the other rows written in this turn. */
  write(id: number, patch: JobPatch): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush())
      this.pending.push({ id, patch, resolve, reject })
    })
  }

  private flush(): void {
    const batch = this.pending
    this.pending = []
    try {
      this.writeRows(batch)
    } catch (error) {
      for (const write of batch) write.reject(error)
      return
    }
    for (const write of batch) write.resolve()
  }
}

import type { JobRecord } from '../database/job-repository'

/**
 * Which job holds which file name in a folder, so two jobs of this process never write the same
 * file. A name is held from the moment a job picks it until the job completes (its file is then
 * on disk under that name), is canceled or is removed. Names compare as the file system does:
 * exactly on Linux, ignoring case on Windows and macOS.
 */
export class NameClaims {
  private readonly holders = new Map<string, number>()

  constructor(private readonly platform: NodeJS.Platform = process.platform) {}

  /** Claims a relative name in a folder for a job; false when another job holds it. */
  claim(directory: string, name: string, jobId: number): boolean {
    const key = this.key(directory, name)
    const holder = this.holders.get(key)
    if (holder !== undefined && holder !== jobId) return false
    this.holders.set(key, jobId)
    return true
  }

  /** Takes the names of the stored jobs that still hold them (every job not completed or canceled). */
  restore(records: Iterable<Pick<JobRecord, 'id' | 'directory' | 'fileName' | 'state'>>): void {
    for (const record of records) {
      if (record.fileName !== null && record.state !== 'completed' && record.state !== 'canceled') {
        this.holders.set(this.key(record.directory, record.fileName), record.id)
      }
    }
  }

  /** Lets go of the job's name, if the job holds it. */
  release(record: Pick<JobRecord, 'id' | 'directory' | 'fileName'>): void {
    if (record.fileName === null) return
    const key = this.key(record.directory, record.fileName)
    if (this.holders.get(key) === record.id) this.holders.delete(key)
  }

  private key(directory: string, name: string): string {
    return `${directory}\u0000${this.platform === 'linux' ? name : name.toLowerCase()}`
  }
}

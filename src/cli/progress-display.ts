import type { JobProgress, JobSnapshot } from '../shared/jobs'
import { formatBytes, formatEta, formatSpeed } from '../shared/format'

export interface DisplayStream {
  isTTY?: boolean
  columns?: number
  write(text: string): boolean
}

const stateWords: Partial<Record<JobSnapshot['state'], string>> = {
  probing: 'connecting',
  refreshing: 'renewing address',
  retrying: 'waiting to retry',
  verifying: 'verifying',
}

/**
 * Progress on stderr: on a terminal one line redrawn in place (a bar, bytes, speed, ETA); when
 * piped, plain lines every few seconds so logs stay readable.
 */
export class ProgressDisplay {
  private readonly jobs = new Map<number, JobSnapshot>()
  private readonly progress = new Map<number, JobProgress>()
  private lastPlainLine = 0
  private lineShown = false

  constructor(
    private readonly stream: DisplayStream,
    private readonly now: () => number = Date.now,
    private readonly plainIntervalMs = 5000,
  ) {}

  track(job: JobSnapshot): void {
    this.jobs.set(job.id, job)
  }

  onState(job: JobSnapshot): void {
    if (!this.jobs.has(job.id)) return
    const previous = this.jobs.get(job.id)
    this.jobs.set(job.id, job)
    if (previous?.state !== job.state && this.jobs.size <= 20) {
      if (job.state === 'completed')
        this.message(`✔ ${job.fileName} (${formatBytes(job.totalBytes)})`)
      if (job.state === 'failed')
        this.message(
          `✘ job ${job.id} ${job.fileName || job.label}: ${job.error?.message ?? 'failed'}`,
        )
      if (job.state === 'retrying' && job.error)
        this.message(`… job ${job.id}: ${job.error.message}`)
    }
    this.render()
  }

  onProgress(batch: readonly JobProgress[]): void {
    for (const item of batch) if (this.jobs.has(item.id)) this.progress.set(item.id, item)
    this.render()
  }

  /** Prints a line above the progress line. */
  message(text: string): void {
    this.clear()
    this.stream.write(`${text}\n`)
  }

  clear(): void {
    if (this.stream.isTTY && this.lineShown) {
      this.stream.write('\r\u001b[2K')
      this.lineShown = false
    }
  }

  /** The summary line: totals over every tracked job. */
  summary(): string {
    let done = 0
    let total = 0
    let totalKnown = true
    let speed = 0
    let completed = 0
    let active = ''
    for (const job of this.jobs.values()) {
      const live = this.progress.get(job.id)
      const jobDone =
        job.state === 'completed'
          ? (job.totalBytes ?? job.doneBytes)
          : (live?.doneBytes ?? job.doneBytes)
      const jobTotal = live?.totalBytes ?? job.totalBytes
      done += jobDone
      if (jobTotal === null) totalKnown = false
      else total += jobTotal
      if (job.state === 'completed') completed += 1
      else if (live) speed += live.speed
      if (!active && stateWords[job.state]) active = stateWords[job.state] ?? ''
    }
    const eta = totalKnown && speed > 0 ? (total - done) / speed : null
    const percent = totalKnown && total > 0 ? (done / total) * 100 : null
    const files = this.jobs.size > 1 ? `${completed}/${this.jobs.size} files ` : ''
    const name = this.jobs.size === 1 ? ` ${[...this.jobs.values()][0]?.fileName ?? ''}` : ''
    const bar =
      percent === null ? '' : `${progressBar(percent, 24)} ${percent.toFixed(1).padStart(5)}% `
    return `${bar}${files}${formatBytes(done)}/${totalKnown ? formatBytes(total) : '?'} ${formatSpeed(speed)} ETA ${formatEta(eta, 'en')}${active ? ` (${active})` : ''}${name}`
  }

  render(force = false): void {
    if (this.stream.isTTY) {
      const width = Math.max(20, (this.stream.columns ?? 100) - 1)
      this.stream.write(`\r\u001b[2K${this.summary().slice(0, width)}`)
      this.lineShown = true
      return
    }
    const now = this.now()
    if (!force && now - this.lastPlainLine < this.plainIntervalMs) return
    this.lastPlainLine = now
    this.stream.write(`${this.summary()}\n`)
  }
}

export function progressBar(percent: number, width: number): string {
  const filled = Math.max(0, Math.min(width, Math.round((percent / 100) * width)))
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`
}

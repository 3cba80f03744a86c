/**
 * Runs a job's checkpoint (flush the data, then commit the row that claims it) every
 * `intervalMs`, and on demand, never two at once: a checkpoint asked for while one runs shares
 * it. Shared by every kind of download so they all commit progress on one rhythm.
 */
export class CheckpointSchedule {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined

  constructor(
    private readonly checkpoint: () => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  /** Starts the periodic checkpoints (a failure is retried at the next tick). */
  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => {
      void this.now().catch(() => undefined)
    }, this.intervalMs)
  }

  /** A checkpoint now, or the one already running. */
  now(): Promise<void> {
    if (this.running) return this.running
    this.running = this.checkpoint().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  /** Stops the timer and waits for a checkpoint in progress (its failure is ignored). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    await this.running?.catch(() => undefined)
  }
}

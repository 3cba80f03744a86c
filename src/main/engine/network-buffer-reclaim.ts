import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * Frees the network's read buffers soon after their bytes are written. Every chunk a socket
 * delivers is a fresh allocation outside the JavaScript heap (64 KiB), garbage once it is written.
 * V8 frees such a buffer only when a collection of the young generation finds it dead, and that
 * collection is driven by JavaScript allocations, of which a download makes few: between two
 * collections, tens of megabytes of written chunks waited in memory. Measured on a 1 GiB
 * download: peak RSS 102–104 MiB, 38 MiB of it those buffers; with a young-generation collection
 * after every few megabytes received, the figures in docs/byte-path.md ("Memory").
 *
 * A young-generation collection of a heap that holds little else takes well under a millisecond.
 */
export class NetworkBufferReclaim {
  private received = 0

  /**
   * @param collect runs one young-generation collection; `undefined` turns the reclaim off.
   * @param everyBytes bytes received between two collections.
   */
  constructor(
    private readonly collect: (() => void) | undefined,
    private readonly everyBytes: number,
  ) {}

  /** Notes `bytes` received from the network; collects once enough have passed. */
  note(bytes: number): void {
    if (this.collect === undefined) return
    this.received += bytes
    if (this.received < this.everyBytes) return
    this.received %= this.everyBytes
    this.collect()
  }
}

/**
 * V8's own collection entry point. It is exposed only by a start-up flag, which a desktop app and
 * a command started by the user cannot rely on; setting that flag now makes every context created
 * afterwards carry `gc`, so one fresh context hands it over. `undefined` if the engine refuses.
 */
export function youngGenerationCollector(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc')
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined')
    if (typeof gc !== 'function') return undefined
    return () => {
      ;(gc as (options: { type: 'minor' }) => void)({ type: 'minor' })
    }
  } catch {
    return undefined
  }
}

/**
 * Every 4 MiB: the 1 GiB download's peak fell from 104 to 79 MiB at the same speed. Every 1 MiB
 * went lower (73 MiB) but slowed many small files down (docs/byte-path.md, "Memory").
 */
const defaultEveryBytes = 4 * 1024 * 1024

let shared: NetworkBufferReclaim | undefined

/** The process's reclaim, made on first use (the collector is looked up once). */
export function sharedNetworkBufferReclaim(): NetworkBufferReclaim {
  shared ??= new NetworkBufferReclaim(youngGenerationCollector(), defaultEveryBytes)
  return shared
}

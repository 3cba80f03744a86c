import { setFlagsFromString } from 'node:v8'

/**
 * How much the JavaScript heap may grow past what survived the last full collection before the
 * next one, in percent.
 *
 * A sync runs for minutes to hours allocating a little per item and per file, and holds little
 * at any time (a page of items, a slice of jobs: about 30 MB of live objects, the same at 20,000
 * and at 100,000 items). V8 sizes its next full collection by how cheap the last ones were, up
 * to 4× what was live, and on a busy machine let a 20,000-item sync peak at 240 MiB RSS out of
 * those 30 MB. Growing by at most 30% keeps the process near what it holds (179 MiB) for more
 * full collections, each a few milliseconds at this size; the download rate stayed the same.
 */
const heapGrowingPercent = 30

/** For this process (the `vod sync` command): collect garbage before the heap outgrows its use. */
export function keepHeapNearLiveSize(): void {
  setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`)
}

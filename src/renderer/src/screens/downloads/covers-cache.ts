import type { MediaCover } from '../../../../shared/contract'
import type { MediaType } from '../../../../shared/contract'

type Listener = () => void

/** Covers asked for within this many ms go out as one request. */
const gatherMs = 30

/** The most media one `downloads.covers` asks about. */
const requestLimit = 100

/**
 * Cover thumbnails of the media that rows on screen download. Rows ask as they appear; the asks
 * of one frame go out as one request (20 ids per VOD call on the other side), and every answer
 * is kept for the session, so scrolling back never asks again. A failed ask counts as "no cover".
 */
export class CoversCache {
  readonly #covers = new Map<string, string | null>()
  readonly #listeners = new Map<string, Set<Listener>>()
  readonly #wanted = new Map<string, { mediaId: string; mediaType: MediaType }>()
  #timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly fetchCovers: (
      media: Array<{ mediaId: string; mediaType: MediaType }>,
    ) => Promise<MediaCover[]>,
  ) {}

  /** The cover URL, null when there is none, undefined while not known yet (asks for it). */
  get(mediaType: MediaType, mediaId: string): string | null | undefined {
    const key = `${mediaType}|${mediaId}`
    if (this.#covers.has(key)) return this.#covers.get(key)
    if (!this.#wanted.has(key)) {
      this.#wanted.set(key, { mediaId, mediaType })
      if (this.#timer === null) this.#timer = setTimeout(() => this.#flush(), gatherMs)
    }
    return undefined
  }

  subscribe(mediaType: MediaType, mediaId: string, listener: Listener): () => void {
    const key = `${mediaType}|${mediaId}`
    const set = this.#listeners.get(key) ?? new Set()
    set.add(listener)
    this.#listeners.set(key, set)
    return () => {
      set.delete(listener)
    }
  }

  #flush(): void {
    this.#timer = null
    const batch = [...this.#wanted.entries()].slice(0, requestLimit)
    for (const [key] of batch) this.#wanted.delete(key)
    if (this.#wanted.size > 0) this.#timer = setTimeout(() => this.#flush(), gatherMs)
    const settle = (covers: ReadonlyMap<string, string | null>): void => {
      for (const [key] of batch) {
        this.#covers.set(key, covers.get(key) ?? null)
        for (const listener of this.#listeners.get(key) ?? []) listener()
      }
    }
    this.fetchCovers(batch.map(([, media]) => media)).then(
      (answer) =>
        settle(
          new Map(answer.map((cover) => [`${cover.mediaType}|${cover.mediaId}`, cover.coverUrl])),
        ),
      () => settle(new Map()),
    )
  }
}

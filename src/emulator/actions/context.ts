import type { ArchiveStore } from '../archive-store'
import type { ScrollTokenStore } from './scroll-tokens'
import type { SearchCache } from './search-cache'
import type { ActionParams } from './parameters'
import type { DemoLibrary, DemoSource } from '../library-types'
import type { MediaUrls } from '../media-urls'

/** What an action handler may use; handlers are pure functions of params and this context. */
export interface ActionContext {
  library: DemoLibrary
  urls: MediaUrls
  now: () => number
  scrollTokens: ScrollTokenStore
  /** Whole-object digests of a source master (computed once, lazily, for generated ones). */
  sourceDigests: SourceDigests
  /** Storage classes and restores (RestoreMedia changes it: the one action that writes). */
  archive: ArchiveStore
  /** Recent SearchMedia results; absent: every page searches the library again. */
  searchCache?: SearchCache
}

/** Returns the API fields of a success body; `RequestId` is added by the caller. */
export type ActionHandler = (
  params: ActionParams,
  context: ActionContext,
) => Record<string, unknown>

export interface SourceDigests {
  /** Lower-case hex MD5. */
  md5Hex(source: DemoSource): string
  /** Unsigned decimal CRC-64/XZ. */
  crc64(source: DemoSource): string
}

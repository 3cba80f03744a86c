import type { Page } from 'playwright-core'
import type { DemoMedia, RunningEmulator } from '../../../src/emulator/index'
import type { AppDriver } from '../fixtures/app-driver'

/** What every flow gets: the app, the emulator behind it, and where files should land. */
export interface FlowContext {
  readonly driver: AppDriver
  readonly emulator: RunningEmulator
  readonly downloadFolder: string
  /** `browser` or `electron`: names the screenshot folder. */
  readonly shell: string
  /** Opens the app's page without the bridge token (browser only). */
  readonly openWithoutToken?: (options: {
    locale: string
    colorScheme: 'light' | 'dark'
  }) => Promise<Page>
}

/** A demo video by id, failing loudly when the emulator's library changed. */
export function video(context: FlowContext, id: string): DemoMedia {
  const found = context.emulator.library.findMedia(id)
  if (!found) throw new Error(`the demo library has no media ${id}`)
  return found
}

/** Demo videos whose titles contain `text`, as the library search should find them. */
export function videoIdsWithTitle(context: FlowContext, text: string): string[] {
  return context.emulator.library.videos
    .filter((item) => item.title.toLowerCase().includes(text.toLowerCase()))
    .map((item) => item.id)
}

/** The source file's extension as the default template names it. */
export function sourceExtension(media: DemoMedia): string {
  return media.source.fileName.split('.').pop()?.toLowerCase() ?? ''
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBrowserApp, type BrowserApp } from './fixtures/browser-app'
import { openPage } from './fixtures/browser'
import { switchToChineseAndDark, screenshotEveryScreen } from './flows/appearance-flows'
import { backUpACategory } from './flows/backup-flows'
import { downloadHdRendition, pauseResumeAndFailingJob } from './flows/download-flows'
import {
  cancelRetryAndSpeedLimit,
  failedRowReadsAsFailed,
  nameConflictAskedOnce,
  queueingSaysWhatWasAdded,
  workTheQueue,
} from './flows/downloads-screen-flows'
import type { FlowContext } from './flows/flow-context'
import { connectDemoAccount, searchAndFilter } from './flows/library-flows'
import { exportFilterAsCsv, importListWithBadLine } from './flows/list-flows'

/**
 * The app in Chromium against the headless host and the VOD emulator, as a user drives it.
 * The flows run in order on one window, like one working session.
 */
describe('VOD Downloader in a browser (headless host)', () => {
  let app: BrowserApp
  let context: FlowContext

  beforeAll(async () => {
    // Large sources small enough to finish quickly once the speed limit is lifted.
    app = await startBrowserApp({ emulator: { largeSourceBytes: 24 * 1024 * 1024 } })
    const driver = await app.open()
    context = {
      driver,
      emulator: app.emulator,
      downloadFolder: app.downloadFolder,
      shell: 'browser',
      openWithoutToken: async (options) =>
        (await openPage(app.browser, app.host.server.origin, options)).page,
    }
  })

  afterAll(async () => {
    await app?.close()
  })

  it('connects the demo account from Settings', async () => {
    await connectDemoAccount(context)
    expect(JSON.stringify(await context.driver.request('account.get', {}))).not.toContain(
      app.emulator.accessKeySecret,
    )
  })

  it('searches and filters the library', async () => {
    await searchAndFilter(context)
  })

  it('downloads the HD MP4 rendition of a video', async () => {
    await downloadHdRendition(context)
  })

  it('pauses and resumes a large source, and shows why a job failed', async () => {
    await pauseResumeAndFailingJob(context)
  })

  it('switches to Chinese and the dark theme', async () => {
    await switchToChineseAndDark(context)
  })

  it('says what queueing added and what was already downloaded', async () => {
    await queueingSaysWhatWasAdded(context)
  })

  it('asks once about a name that is taken, and remembers the choice', async () => {
    await nameConflictAskedOnce(context)
  })

  it('cancels after asking, retries a canceled download, and holds the speed limit', async () => {
    await cancelRetryAndSpeedLimit(context)
  })

  it('shows a failed URL import as failed, with only the actions that fit', async () => {
    await failedRowReadsAsFailed(context)
  })

  it('works a queue: select, move to top, drag, Alt+↑, search, sort, cancel a batch', async () => {
    await workTheQueue(context)
  })

  it('saves every screen in both languages and both themes', async () => {
    const saved = await screenshotEveryScreen(context)
    expect(saved).toHaveLength(2 * 2 * 12)
  })

  it('exports the addresses of the current filter as a CSV with their expiry', async () => {
    await exportFilterAsCsv(context)
  })

  it('imports a list as one batch and reports its bad line', async () => {
    await importListWithBadLine(context)
  })

  it('backs up a category from the Backups screen, then finds nothing new', async () => {
    await backUpACategory(context)
  })

  it('left no errors in the host log', () => {
    expect(app.log.filter((line) => line.startsWith('error:'))).toEqual([])
  })
})

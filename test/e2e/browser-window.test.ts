import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBrowserApp, type BrowserApp } from './fixtures/browser-app'
import { openPage } from './fixtures/browser'
import { libraryRecoversWhenCredentialsAreFixed } from './flows/account-flows'
import { tokenLinkConnectsTheTab } from './flows/connection-flows'
import {
  detailsFitAt1024,
  detailsInWords,
  hlsStreamAsksForToken,
  keyboardThroughDetails,
  snapshotsNumberedFromOne,
  transcodingSaysWhy,
} from './flows/details-flows'
import type { FlowContext } from './flows/flow-context'
import {
  clearFiltersFromEmptyResult,
  dateRangeInWords,
  datesInChinese,
  statusesStandOut,
} from './flows/library-flows'
import { exportResultInWords } from './flows/list-flows'
import { settingsApplyAsTheyChange } from './flows/settings-flows'

/**
 * The window outside the Downloads screen as an editor meets it: no stuck or silent states
 * (credentials fixed, settings left), and the small frictions of a walkthrough (numbers, words,
 * dates, focus, layout at 1024 px). One window, flows in order, like one working session.
 */
describe('VOD Downloader in a browser: the window as an editor uses it', () => {
  let app: BrowserApp
  let context: FlowContext

  beforeAll(async () => {
    app = await startBrowserApp()
    const driver = await app.open()
    context = {
      driver,
      emulator: app.emulator,
      downloadFolder: app.downloadFolder,
      shell: 'browser',
    }
  })

  afterAll(async () => {
    await app?.close()
  })

  it('connects a tab that said "Not connected" when the token link is pasted', async () => {
    await tokenLinkConnectsTheTab(
      async () => (await openPage(app.browser, app.host.server.origin)).page,
      app.host.url,
    )
  })

  it('shows the library once a wrong secret is replaced, with Retry on the error', async () => {
    await libraryRecoversWhenCredentialsAreFixed(context)
  })

  it('applies settings as they change, and says when one could not be saved', async () => {
    await settingsApplyAsTheyChange(context)
  })

  it('sets statuses that are not Normal apart in the list', async () => {
    await statusesStandOut(context)
  })

  it('offers to clear the filters when nothing matches', async () => {
    await clearFiltersFromEmptyResult(context)
  })

  it('explains a reversed date range and offers to swap it', async () => {
    await dateRangeInWords(context)
  })

  it('shows and reads dates as YYYY-MM-DD in Chinese', async () => {
    await datesInChinese(context)
  })

  it('numbers snapshots from 1', async () => {
    await snapshotsNumberedFromOne(context)
  })

  it('says storage class, address choices and image kinds in words', async () => {
    await detailsInWords(context)
  })

  it('says why a transcoding video has no renditions', async () => {
    await transcodingSaysWhy(context)
  })

  it('says an HLS AES-128 stream needs an MtsHlsUriToken while none is saved', async () => {
    await hlsStreamAsksForToken(context)
  })

  it('fits the details at 1024 px', async () => {
    await detailsFitAt1024(context)
  })

  it('keeps focus through Details, Download and Esc', async () => {
    await keyboardThroughDetails(context)
  })

  it('words the export result: plurals and reasons', async () => {
    await exportResultInWords(context)
  })

  it('left no errors in the host log', () => {
    expect(app.log.filter((line) => line.startsWith('error:'))).toEqual([])
  })
})

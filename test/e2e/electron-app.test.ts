import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../src/emulator/index'
import { findElectronBinary, launchElectronApp, type ElectronApp } from './fixtures/electron-app'
import { screenshotEveryScreen, switchToChineseAndDark } from './flows/appearance-flows'
import {
  downloadHdRendition,
  downloadThroughUrlExpiry,
  pauseResumeAndFailingJob,
} from './flows/download-flows'
import type { FlowContext } from './flows/flow-context'
import { connectDemoAccount, searchAndFilter } from './flows/library-flows'

/**
 * The same flows as the browser suites, in the real desktop app through Playwright's Electron
 * driver. Without an Electron binary (a CI image or container that skipped its download) they
 * are skipped, and the reason is printed.
 */
const electron = findElectronBinary()
if (electron.path === undefined) {
  console.log(`Electron e2e suite skipped: ${electron.reason}.`)
}
const executablePath = electron.path ?? ''

describe.skipIf(electron.path === undefined)('VOD Downloader in Electron', () => {
  let emulator: RunningEmulator
  let app: ElectronApp
  let context: FlowContext

  beforeAll(async () => {
    emulator = await startEmulator({ largeSourceBytes: 24 * 1024 * 1024 })
    app = await launchElectronApp(executablePath)
    context = {
      driver: app.driver,
      emulator,
      downloadFolder: app.downloadFolder,
      shell: 'electron',
    }
  })

  afterAll(async () => {
    await app?.close()
    await emulator?.close()
  })

  it('connects the demo account from Settings', async () => {
    await connectDemoAccount(context)
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

  it('saves every screen in both languages and both themes', async () => {
    expect(await screenshotEveryScreen(context)).toHaveLength(2 * 2 * 11)
  })
})

describe.skipIf(electron.path === undefined)('VOD Downloader in Electron: URL expiry', () => {
  let emulator: RunningEmulator
  let app: ElectronApp

  beforeAll(async () => {
    emulator = await startEmulator({
      largeSourceBytes: 8 * 1024 * 1024,
      maxUrlLifetimeSeconds: 2,
      cutMediaResponsesAfterBytes: 1024 * 1024,
    })
    app = await launchElectronApp(executablePath)
    await app.driver.request('account.save', {
      kind: 'access-key',
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
      regionId: emulator.regionId,
      endpoint: emulator.endpoint,
    })
    await app.driver.page.reload()
  })

  afterAll(async () => {
    await app?.close()
    await emulator?.close()
  })

  it('completes a source whose URL expires mid-way', async () => {
    await downloadThroughUrlExpiry({
      driver: app.driver,
      emulator,
      downloadFolder: app.downloadFolder,
      shell: 'electron',
    })
  })
})

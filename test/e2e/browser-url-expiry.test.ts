import { afterAll, beforeAll, describe, it } from 'vitest'
import { startBrowserApp, type BrowserApp } from './fixtures/browser-app'
import { downloadThroughUrlExpiry } from './flows/download-flows'
import type { FlowContext } from './flows/flow-context'

/**
 * Signed URLs that expire mid-download: the emulator signs every media URL for 2 seconds and
 * cuts each response after 1 MiB, and a speed limit stretches the download past several
 * lifetimes, so the engine has to renew the address while keeping every byte.
 */
describe('VOD Downloader in a browser: a source whose URL expires mid-way', () => {
  let app: BrowserApp
  let context: FlowContext

  beforeAll(async () => {
    app = await startBrowserApp({
      emulator: {
        largeSourceBytes: 8 * 1024 * 1024,
        maxUrlLifetimeSeconds: 2,
        cutMediaResponsesAfterBytes: 1024 * 1024,
      },
    })
    // Connecting through the UI is covered by the main suite; here it is only the setting.
    await app.request('account.save', {
      kind: 'access-key',
      accessKeyId: app.emulator.accessKeyId,
      accessKeySecret: app.emulator.accessKeySecret,
      regionId: app.emulator.regionId,
      endpoint: app.emulator.endpoint,
    })
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

  it('completes the download with renewed addresses', async () => {
    await downloadThroughUrlExpiry(context)
  })
})

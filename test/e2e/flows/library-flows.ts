import { expect } from 'vitest'
import { AppWindow } from '../pages/app-window'
import { LibraryPage } from '../pages/library-page'
import { SettingsPage } from '../pages/settings-page'
import { videoIdsWithTitle, type FlowContext } from './flow-context'

/**
 * A newcomer's first minute: the library says no account is set, Settings takes the demo
 * AccessKey with the emulator as endpoint, the test says "connected", and the library fills.
 */
export async function connectDemoAccount(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const window = new AppWindow(page)
  await window.waitUntilLoaded()
  await page.getByTestId('library-not-configured').waitFor()
  const settings = new SettingsPage(page)
  await settings.open()
  await settings.connectAccount({
    accessKeyId: context.emulator.accessKeyId,
    accessKeySecret: context.emulator.accessKeySecret,
    regionId: context.emulator.regionId,
    endpoint: context.emulator.endpoint,
  })
  // The secret field is emptied once main has the secret; it never comes back.
  expect(await page.getByTestId('account-secret').inputValue()).toBe('')
  const library = new LibraryPage(page)
  await library.open()
  await library.rows().first().waitFor()
}

/** Title search, status filter and category filter each narrow the list to what VOD says. */
export async function searchAndFilter(context: FlowContext): Promise<void> {
  const { videos } = context.emulator.library
  const library = new LibraryPage(context.driver.page)
  await library.open()
  await library.search('发布会')
  await library.waitForMedia(videoIdsWithTitle(context, '发布会'))

  await library.search(`What's next`)
  await library.waitForMedia(videoIdsWithTitle(context, `What's next`))

  await library.search('')
  await library.filterStatus('Transcoding')
  await library.waitForMedia(
    videos.filter((item) => item.status === 'Transcoding').map((item) => item.id),
  )

  await library.filterStatus('')
  await library.filterCategory(1000005)
  await library.waitForMedia(
    videos.filter((item) => item.cateId === 1000005).map((item) => item.id),
  )
  await library.filterCategory(null)
}

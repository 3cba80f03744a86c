import { expect } from 'vitest'
import type { Settings } from '../../../src/shared/settings'
import { saveScreenshot } from '../fixtures/screenshots'
import { AppWindow } from '../pages/app-window'
import { DetailsPage } from '../pages/details-page'
import { DownloadsPage } from '../pages/downloads-page'
import { LibraryPage } from '../pages/library-page'
import type { PageGlobals } from '../pages/page-globals'
import { SettingsPage } from '../pages/settings-page'
import { video, type FlowContext } from './flow-context'
import { ExportDialogPage } from '../pages/address-lists'

/** Switches to Chinese and the dark theme in Settings; both apply at once, without saving. */
export async function switchToChineseAndDark(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const window = new AppWindow(page)
  const settings = new SettingsPage(page)
  await settings.open()
  await settings.chooseLanguage('zh-CN')
  await window.waitForLanguage('zh-CN')
  expect(await page.getByTestId('nav-library').textContent()).toBe('媒资库')
  await settings.chooseTheme('dark')
  await window.waitForTheme('dark')
  const downloads = new DownloadsPage(page)
  await downloads.open()
  expect(await page.getByTestId('download-row-state').first().textContent()).toBe('已完成')
  await context.driver.request('settings.update', { language: 'en', theme: 'light' })
  await window.waitForLanguage('en')
  await window.waitForTheme('light')
}

/**
 * Waits until every image in view has loaded (or failed), so screenshots are complete. Images
 * below the fold load lazily and never finish while out of view, so they do not count.
 */
async function imagesSettled(context: FlowContext): Promise<void> {
  await context.driver.page.waitForFunction(() => {
    const page = globalThis as unknown as PageGlobals
    return Array.from(page.document.images).every((image) => {
      const box = image.getBoundingClientRect()
      const inView = box.bottom > 0 && box.top < page.innerHeight && box.width > 0
      return image.complete || !inView
    })
  })
}

const languages: Settings['language'][] = ['en', 'zh-CN']
const themes: Array<'light' | 'dark'> = ['light', 'dark']

/**
 * Every screen in both languages and both themes, saved under test-results/screenshots:
 * library (and its empty result), batch, address export (and its result), details (a video, an
 * HLS-encrypted one without a token, an image), downloads, settings, and (in a browser) the page
 * without a token.
 */
export async function screenshotEveryScreen(context: FlowContext): Promise<string[]> {
  const { driver, shell } = context
  const { page } = driver
  const window = new AppWindow(page)
  const saved: string[] = []
  const mediaId = context.emulator.library.roles.normalWithHdMp4
  const media = video(context, mediaId)
  for (const language of languages) {
    for (const theme of themes) {
      const name = (screen: string) => ({ screen, language, theme })
      await driver.request('settings.update', { language, theme })
      await window.waitForLanguage(language)
      await window.waitForTheme(theme)

      const library = new LibraryPage(page)
      await library.open()
      await library.search('')
      await library.rows().nth(2).waitFor()
      await imagesSettled(context)
      saved.push(await saveScreenshot(page, shell, name('library')))

      // Two rows selected → the batch screen with its summary.
      await library.rows().nth(0).click()
      await library
        .rows()
        .nth(1)
        .click({ modifiers: ['Control'] })
      await page.getByTestId('selection-download').click()
      await page.getByTestId('batch-summary').waitFor()
      saved.push(await saveScreenshot(page, shell, name('batch')))
      await page.getByTestId('batch-cancel').click()

      // The same two rows → the address-list export dialog, before it runs.
      const exportDialog = new ExportDialogPage(page)
      await exportDialog.open()
      saved.push(await saveScreenshot(page, shell, name('export')))
      // …and what it produced.
      await exportDialog.start()
      saved.push(await saveScreenshot(page, shell, name('export-result')))
      await exportDialog.close()

      // A search that finds nothing offers to clear the filters.
      await library.search('no title is like this one')
      await page.getByTestId('library-empty').waitFor()
      saved.push(await saveScreenshot(page, shell, name('library-empty')))

      await library.search(media.title)
      await library.row(mediaId).waitFor()
      await library.openDetails(mediaId)
      await new DetailsPage(page).waitForTitle(media.title)
      await imagesSettled(context)
      saved.push(await saveScreenshot(page, shell, name('details')))

      // An HLS AES-128 stream checked while no MtsHlsUriToken is saved: the hint and warning.
      const hls = video(context, context.emulator.library.roles.hlsEncrypted)
      await library.open()
      await library.search(hls.title)
      await library.row(hls.id).waitFor()
      await library.openDetails(hls.id)
      await new DetailsPage(page).waitForTitle(hls.title)
      await page.getByTestId('quality-select').selectOption('LD')
      await page.getByTestId('details-hls-token-warning').waitFor()
      await imagesSettled(context)
      saved.push(await saveScreenshot(page, shell, name('details-hls')))

      // An image: its pixel size, and what "Image" and "Original image" are.
      const image = context.emulator.library.findImage(context.emulator.library.roles.image)
      if (!image) throw new Error('the demo library has no image')
      await library.open()
      await page.getByTestId('library-tab-image').click()
      await library.search(image.title)
      await library.row(image.id).waitFor()
      await library.openDetails(image.id)
      await new DetailsPage(page).waitForTitle(image.title)
      await imagesSettled(context)
      saved.push(await saveScreenshot(page, shell, name('details-image')))
      await library.open()
      await page.getByTestId('library-tab-video').click()

      await new DownloadsPage(page).open()
      await page.getByTestId('download-row').first().waitFor()
      saved.push(await saveScreenshot(page, shell, name('downloads')))

      // A source whose file is already in the download folder (its job was cleared): the
      // name-conflict question, asked once for the request.
      const taken = video(context, context.emulator.library.roles.largeSources[1] ?? '')
      // Its finished job leaves the list (the file stays), as "Clear completed" would.
      const held = (await driver.request('downloads.list', {})).filter(
        (job) =>
          job.state === 'completed' &&
          job.source.kind === 'vod' &&
          job.source.reference.mediaId === taken.id &&
          job.source.reference.kind === 'source',
      )
      if (held.length > 0) {
        await driver.request('downloads.remove', { ids: held.map((job) => job.id) })
      }
      await library.open()
      await library.search(taken.title)
      await library.row(taken.id).waitFor()
      await library.openDetails(taken.id)
      const takenDetails = new DetailsPage(page)
      await takenDetails.waitForTitle(taken.title)
      await takenDetails.checkSource()
      await page.getByTestId('details-download').click()
      await page.getByTestId('conflict-dialog').waitFor()
      saved.push(await saveScreenshot(page, shell, name('name-conflict')))
      await page.getByTestId('conflict-cancel').click()

      await new SettingsPage(page).open()
      saved.push(await saveScreenshot(page, shell, name('settings')))

      if (context.openWithoutToken) {
        const orphan = await context.openWithoutToken({
          locale: language === 'zh-CN' ? 'zh-CN' : 'en-US',
          colorScheme: theme,
        })
        await orphan.getByTestId('not-connected').waitFor()
        saved.push(await saveScreenshot(orphan, shell, name('not-connected')))
        await orphan.context().close()
      }
    }
  }
  await driver.request('settings.update', { language: 'en', theme: 'light' })
  return saved
}

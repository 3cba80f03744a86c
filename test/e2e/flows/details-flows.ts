import { expect } from 'vitest'
import type { MediaType } from '../../../src/shared/contract'
import { AppWindow } from '../pages/app-window'
import { DetailsPage } from '../pages/details-page'
import { LibraryPage } from '../pages/library-page'
import type { PageGlobals } from '../pages/page-globals'
import { openVideo } from './download-flows'
import type { FlowContext } from './flow-context'

/** Opens any media item (video, audio or image) from its Library tab. */
async function openMedia(
  context: FlowContext,
  mediaType: MediaType,
  mediaId: string,
  title: string,
): Promise<DetailsPage> {
  const { page } = context.driver
  const library = new LibraryPage(page)
  await library.open()
  await page.getByTestId(`library-tab-${mediaType}`).click()
  await library.search(title)
  await library.row(mediaId).waitFor()
  await library.openDetails(mediaId)
  const details = new DetailsPage(page)
  await details.waitForTitle(title)
  return details
}

/** The id of the focused element, or its test id. */
async function focused(context: FlowContext): Promise<string> {
  return context.driver.page.evaluate(
    '(() => { const element = document.activeElement; return element ? (element.id || element.getAttribute("data-testid") || element.tagName) : "" })()',
  )
}

/** Snapshots and cover candidates are numbered from 1, as VOD and the file names number them. */
export async function snapshotsNumberedFromOne(context: FlowContext): Promise<void> {
  const details = await openVideo(context, context.emulator.library.roles.manySnapshots)
  const snapshots = await details.thumbnailCaptions('snapshot')
  expect(snapshots[0]).toMatch(/^Snapshot 1(\D|$)/)
  expect(snapshots[1]).toMatch(/^Snapshot 2(\D|$)/)
  await details.back()
}

/**
 * The details in words: the storage class in Chinese, one CDN and one OSS choice (the default
 * marked), an image's pixel size and what "Image" and "Original image" are.
 */
export async function detailsInWords(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const { roles } = context.emulator.library
  const window = new AppWindow(page)
  await context.driver.request('settings.update', { language: 'zh-CN' })
  try {
    await window.waitForLanguage('zh-CN')
    const details = await openVideo(context, roles.normalWithHdMp4)
    expect(await details.meta('storageClass')).toBe('标准存储')
    await details.back()
  } finally {
    await context.driver.request('settings.update', { language: 'en' })
    await window.waitForLanguage('en')
  }

  const video = await openVideo(context, roles.normalWithHdMp4)
  expect(await page.getByTestId('address-type-default').count()).toBe(0)
  const cdn = page.getByTestId('address-type-cdn')
  expect(await cdn.isChecked()).toBe(true)
  expect(await page.locator('label', { has: cdn }).textContent()).toBe('CDN (default)')
  expect(
    await page.locator('label', { has: page.getByTestId('address-type-oss') }).textContent(),
  ).toBe('OSS origin')
  await video.back()

  const image = context.emulator.library.findImage(roles.image)
  if (!image) throw new Error('the demo library has no image')
  const imageDetails = await openMedia(context, 'image', image.id, image.title)
  expect(await imageDetails.meta('dimensions')).toMatch(/^\d+×\d+$/)
  const captions = await imageDetails.thumbnailCaptions()
  expect(captions).toHaveLength(2)
  for (const caption of captions) expect(caption).toMatch(/\d+×\d+ · \d/)
  expect(await page.getByTestId('details-image-kinds').textContent()).toContain(
    'Original image: the file exactly as it was uploaded',
  )
  await imageDetails.back()
  await page.getByTestId('library-tab-video').click()
}

/** A video still transcoding says why it has no renditions yet. */
export async function transcodingSaysWhy(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const details = await openVideo(context, context.emulator.library.roles.transcoding)
  const empty = page.getByTestId('renditions-empty')
  expect(await empty.textContent()).toBe(
    'No transcoded renditions yet: the media is Transcoding. They appear, and can be downloaded, once VOD has finished with it.',
  )
  await details.back()
}

/**
 * An HLS AES-128 stream says it needs an MtsHlsUriToken while none is saved: in its row, in the
 * quality picker, and beside Download once it is checked. A saved token makes the hints go.
 */
export async function hlsStreamAsksForToken(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const { roles } = context.emulator.library
  const details = await openVideo(context, roles.hlsEncrypted)
  const encrypted = page.locator(
    '[data-testid="rendition-row"][data-definition="LD"][data-format="m3u8"]',
  )
  expect(await encrypted.getByTestId('hls-token-hint').textContent()).toContain('MtsHlsUriToken')
  const plain = page.locator(
    '[data-testid="rendition-row"][data-definition="SD"][data-format="m3u8"]',
  )
  expect(await plain.getByTestId('hls-token-hint').count()).toBe(0)
  const quality = page.getByTestId('quality-select')
  expect(await quality.locator('option[value="LD"]').textContent()).toContain('MtsHlsUriToken')
  await quality.selectOption('LD')
  const warning = page.getByTestId('details-hls-token-warning')
  await warning.waitFor()
  expect(await warning.textContent()).toContain('no MtsHlsUriToken is saved')

  await context.driver.request('settings.saveHlsToken', { token: 'e2e-token-value' })
  try {
    await warning.waitFor({ state: 'detached' })
    expect(await encrypted.getByTestId('hls-token-hint').count()).toBe(0)
  } finally {
    await context.driver.request('settings.clearHlsToken', {})
  }
  await details.back()
}

/** How many lines the text of an element takes. */
const lineCountOf = `(element) => {
  const range = document.createRange()
  range.selectNodeContents(element)
  return new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size
}`

/**
 * At 1024 px: bitrates and sizes stay on one line beside a long encryption reason, and the
 * Download bar never covers a thumbnail's caption.
 */
export async function detailsFitAt1024(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const viewport = page.viewportSize()
  await page.setViewportSize({ width: 1024, height: 700 })
  try {
    const details = await openVideo(context, context.emulator.library.roles.proprietaryAndPlain)
    const lines: number[] = await page.evaluate(
      `Array.from(document.querySelectorAll('[data-testid="rendition-row"] td:nth-child(5), [data-testid="rendition-row"] td:nth-child(6)')).map(${lineCountOf})`,
    )
    expect(lines.length).toBeGreaterThan(3)
    expect(lines.every((count) => count === 1)).toBe(true)

    // A caption scrolled to the bottom of what shows stays above the Download bar.
    const covered: boolean[] = await page.evaluate(`Array.from(
      document.querySelectorAll('[data-testid="thumbnail-item"] .thumbnail__caption'),
    ).slice(0, 3).map((caption) => {
      caption.scrollIntoView({ block: 'end' })
      const bar = document.querySelector('.action-bar').getBoundingClientRect()
      return caption.getBoundingClientRect().bottom > bar.top + 0.5
    })`)
    expect(covered).toEqual([false, false, false])
    await details.back()
  } finally {
    if (viewport) await page.setViewportSize(viewport)
  }
}

/**
 * Keyboard only: Enter on a row opens Details with focus on its heading; Download keeps focus
 * on the button; Esc goes back to the Library with focus on the list again.
 */
export async function keyboardThroughDetails(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const mediaId = context.emulator.library.roles.normalWithHdMp4
  const title = context.emulator.library.findMedia(mediaId)?.title ?? ''
  const library = new LibraryPage(page)
  await library.open()
  await library.search(title)
  await library.row(mediaId).click()
  expect(await focused(context)).toBe('media-list')
  await page.keyboard.press('Enter')
  await new DetailsPage(page).waitForTitle(title)
  expect(await focused(context)).toBe('details-heading')

  await page
    .locator('[data-testid="rendition-row"][data-definition="FD"][data-format="mp4"]')
    .getByTestId('rendition-checkbox')
    .check()
  await page.getByTestId('details-download').click()
  // Not a locator wait: that would let the notice handler click the "added" notice away first,
  // which moves focus as any click does.
  await page.waitForFunction(() =>
    (globalThis as unknown as PageGlobals).document
      .querySelector('[data-testid="details-selection-summary"]')
      ?.textContent?.startsWith('0 files selected'),
  )
  expect(await focused(context)).toBe('details-download')

  await page.keyboard.press('Escape')
  await page.waitForFunction(
    () =>
      (globalThis as unknown as PageGlobals).document.querySelector(
        '[data-testid="details-screen"]',
      ) === null,
  )
  expect(await focused(context)).toBe('media-list')
}

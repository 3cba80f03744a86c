import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { ImportDialogPage } from '../pages/address-lists'
import { DownloadsPage } from '../pages/downloads-page'
import { LibraryPage } from '../pages/library-page'
import type { PageGlobals } from '../pages/page-globals'
import { SettingsPage } from '../pages/settings-page'
import { openVideo } from './download-flows'
import { sourceExtension, video, type FlowContext } from './flow-context'

/**
 * Waits for a notice with this text. Read from the page, not through a locator: the window's
 * handler closes notices that cover a locator's target, and it would close this one too.
 */
async function noticeSaying(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      Array.from(
        (globalThis as unknown as PageGlobals).document.querySelectorAll('[data-testid="notice"]'),
      ).some((notice) => notice.textContent?.includes(wanted)),
    text,
  )
}

/** Bytes per second from a speed as the window shows it ("1.0 MB/s", "980 KB/s"). */
function parseSpeed(text: string): number {
  const match = /([\d.]+)\s*(B|KB|MB|GB)\/s/.exec(text)
  if (!match) return 0
  const units: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }
  return Number(match[1]) * (units[match[2] ?? 'B'] ?? 1)
}

/**
 * Queueing says what it added and what was already there: a finished rendition queued again
 * adds nothing, and the batch summary says so before anything starts.
 */
export async function queueingSaysWhatWasAdded(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const mediaId = context.emulator.library.roles.normalWithHdMp4
  const details = await openVideo(context, mediaId)
  await details.checkRendition('HD', 'mp4')
  await details.download()
  await noticeSaying(page, 'No download added, 1 already downloaded.')

  // The batch screen counts it before starting.
  const media = video(context, mediaId)
  const library = new LibraryPage(page)
  await library.open()
  await library.search(media.title)
  await library.row(mediaId).click()
  await page.getByTestId('selection-download').click()
  await page.getByTestId('batch-selection-rendition').check()
  await page.getByTestId('batch-definition').selectOption('HD')
  await page.getByTestId('batch-format').selectOption('mp4')
  const already = page.getByTestId('batch-summary-already')
  await already.waitFor()
  expect(await already.textContent()).toBe('0 new, 1 already downloaded')
  await page.getByTestId('batch-start').click()
  await noticeSaying(page, 'No download added, 1 already downloaded.')
}

/**
 * A name already taken is asked about once, never answered with a silent `HD (1).mp4`: the
 * finished jobs are cleared (their files stay), the same rendition is downloaded again, and
 * "Keep both", remembered, saves it under a numbered name and sets the Settings choice.
 */
export async function nameConflictAskedOnce(context: FlowContext): Promise<void> {
  const { driver } = context
  const { page } = driver
  const mediaId = context.emulator.library.roles.normalWithHdMp4
  const media = video(context, mediaId)
  const downloads = new DownloadsPage(page)
  await downloads.open()
  await page.getByTestId('downloads-clear-completed').click()
  try {
    const details = await openVideo(context, mediaId)
    await details.checkRendition('HD', 'mp4')
    await page.getByTestId('details-download').click()
    const dialog = page.getByTestId('conflict-dialog')
    await dialog.waitFor()
    const example = dialog.locator('[data-testid="conflict-examples"] li').first()
    expect(await example.getAttribute('data-holder')).toBe('file')
    expect(await example.textContent()).toContain(`${media.title}/HD.mp4`)
    // Replace is only for unfinished downloads of ours; a finished file is never overwritten.
    expect(await dialog.getByTestId('conflict-choice-replace').isDisabled()).toBe(true)
    await dialog.getByTestId('conflict-choice-keep-both').check()
    await dialog.getByTestId('conflict-remember').check()
    await dialog.getByTestId('conflict-continue').click()
    await noticeSaying(page, '1 download added, 1 saved under a numbered name.')
    await downloads.open()
    expect(await downloads.waitForState(`${media.title}/HD (1).mp4`, ['completed'])).toBe(
      'completed',
    )
    const settings = new SettingsPage(page)
    await settings.open()
    expect(await page.getByTestId('setting-nameConflicts').locator('select').inputValue()).toBe(
      'keep-both',
    )
  } finally {
    await driver.request('settings.update', { nameConflicts: 'ask' })
  }
}

/**
 * Cancel asks first and says the partial file goes; the canceled row has a filter of its own,
 * and Retry starts it over and completes it. Under a speed limit, the overall speed above the
 * list never shows more than the limit allows (the small-file lane is told apart in the footer
 * and in Settings).
 */
export async function cancelRetryAndSpeedLimit(context: FlowContext): Promise<void> {
  const { driver, emulator } = context
  const { page } = driver
  const limit = 1024 * 1024
  const large = video(context, emulator.library.roles.largeSources[0] ?? '')
  const name = `${large.title}/source.${sourceExtension(large)}`
  await driver.request('settings.update', { speedLimitBytesPerSecond: limit })
  try {
    const details = await openVideo(context, large.id)
    await details.checkSource()
    await details.download()
    const downloads = new DownloadsPage(page)
    await downloads.open()
    await downloads.waitForState(name, ['downloading'])
    const readings: number[] = []
    for (let sample = 0; sample < 30; sample += 1) {
      const speed = page.getByTestId('downloads-overview-speed')
      if (await speed.isVisible()) readings.push(parseSpeed((await speed.textContent()) ?? ''))
      await page.waitForTimeout(100)
    }
    expect(readings.length).toBeGreaterThan(10)
    expect(Math.max(...readings)).toBeLessThanOrEqual(limit * 1.2)
    expect(await downloads.text('downloads-footer-lanes')).toMatch(
      /1 of 3 large files at a time, \d+ small files in their own lane/,
    )
    expect(await page.getByTestId('downloads-footer-lanes').getAttribute('title')).toContain(
      'lane of their own',
    )

    await downloads.row(name).getByTestId('download-row-cancel').click()
    const dialog = page.getByTestId('cancel-dialog')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('is deleted')
    await downloads.confirmCancel()
    expect(await downloads.waitForState(name, ['canceled'])).toBe('canceled')
    await downloads.filter('canceled')
    expect(await downloads.rowNames()).toEqual([name])
    expect(await downloads.row(name).getByTestId('download-row-canceled').textContent()).toContain(
      'Retry starts it over',
    )
    await driver.request('settings.update', { speedLimitBytesPerSecond: 0 })
    await downloads.press(name, 'retry')
    await downloads.filter('all')
    expect(await downloads.waitForState(name, ['completed', 'failed'])).toBe('completed')
    const written = await stat(join(context.downloadFolder, name))
    expect(written.size).toBe(large.source.size)

    const settings = new SettingsPage(page)
    await settings.open()
    expect(await page.getByTestId('setting-maxConcurrentJobs').textContent()).toContain(
      'lane of their own',
    )
  } finally {
    await driver.request('settings.update', { speedLimitBytesPerSecond: 0 })
  }
}

/**
 * A failed URL import reads as failed: a name, a still bar, one message that fits, and only
 * Retry and Remove.
 */
export async function failedRowReadsAsFailed(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const downloads = new DownloadsPage(page)
  await downloads.open()
  const url = `${context.emulator.endpoint}/nowhere/lost-master.mov`
  const importer = new ImportDialogPage(page)
  await importer.importList('lost.txt', `${url}\n`)
  await importer.close()
  const row = page.locator('[data-testid="download-row"][data-state="failed"]').filter({
    hasText: 'lost-master.mov',
  })
  await row.waitFor()
  expect(((await row.locator('.download-row__name').textContent()) ?? '').trim()).not.toBe('')
  const bar = row.getByTestId('download-row-progress')
  expect(await bar.getAttribute('class')).not.toContain('indeterminate')
  expect(await row.getByTestId('download-row-cancel').count()).toBe(0)
  expect(await row.getByTestId('download-row-retry').count()).toBe(1)
  expect(await row.getByTestId('download-row-remove').count()).toBe(1)
  expect(await row.getByTestId('download-row-error').textContent()).not.toContain(
    'resumes when the connection is back',
  )
  await row.getByTestId('download-row-remove').click()
  await row.waitFor({ state: 'detached' })
}

/**
 * A queue worked with the keyboard and the mouse: a batch of renditions (its row names what was
 * selected and the media that had nothing matching), paused at once; rows selected with a
 * click and Shift, moved to the top, dragged, moved with Alt+↑, searched and sorted; then the
 * whole batch canceled from its row.
 */
export async function workTheQueue(context: FlowContext): Promise<void> {
  const { driver } = context
  const { page } = driver
  const library = new LibraryPage(page)
  await library.open()
  await library.search('')
  await library.rows().nth(3).waitFor()
  // Item 7: a Shift-click on a checkbox selects the range, as on the row body.
  await library.rows().nth(0).click()
  await library
    .rows()
    .nth(3)
    .locator('.check')
    .click({ modifiers: ['Shift'] })
  expect(await page.getByTestId('selection-count').textContent()).toContain('4')

  await page.getByTestId('selection-download').click()
  await page.getByTestId('batch-selection-rendition').check()
  await page.getByTestId('batch-definition').selectOption('HD')
  await page.getByTestId('batch-summary').waitFor()
  await driver.request('settings.update', { speedLimitBytesPerSecond: 64 * 1024 })
  try {
    await page.getByTestId('batch-start').click()
    const downloads = new DownloadsPage(page)
    await downloads.open()
    const batch = page.getByTestId('download-batch-row').last()
    await batch.waitFor()
    await batch.getByTestId('download-batch-pause').click()
    await page.locator('[data-testid="download-row"][data-state="paused"]').nth(1).waitFor()
    expect(await batch.getByTestId('download-batch-name').textContent()).toMatch(
      /^HD renditions of 4 media$/,
    )
    const skipped = batch.getByTestId('download-batch-skipped')
    if ((await skipped.count()) > 0) {
      expect(await skipped.textContent()).toMatch(/^\d+ media had nothing matching: .+/)
    }
    const paused = await page
      .locator('[data-testid="download-row"][data-state="paused"] .download-row__name')
      .allTextContents()
    expect(paused.length).toBeGreaterThanOrEqual(2)
    const [first, second] = paused as [string, string]
    const firstName = async (): Promise<string> => (await downloads.rowNames())[0] ?? ''

    // Click and Shift-click select a range; the selection bar acts on it.
    await downloads.clickRow(first)
    await downloads.clickRow(second, ['Shift'])
    expect(await downloads.selectedNames()).toEqual([first, second])
    expect(await downloads.text('downloads-selection-count')).toBe('2 downloads selected')
    await downloads.clickRow(second)
    await downloads.onSelection('moveTop')
    await expect.poll(firstName).toBe(second)
    // Dragged by its handle, a row lands right before the row it is dropped on.
    await downloads.dragBefore(first, second)
    await expect.poll(firstName).toBe(first)
    // Alt+↑ moves the focused row up one place.
    await downloads.clickRow(second)
    await page.getByTestId('downloads-list').press('Alt+ArrowUp')
    await expect.poll(firstName).toBe(second)

    // Search narrows the list; sorting by name orders it.
    await page.getByTestId('downloads-search').fill(second.split('/')[0] ?? second)
    expect(await downloads.rowNames()).toContain(second)
    await page.getByTestId('downloads-search').fill('')
    await page.getByTestId('downloads-sort').selectOption('name')
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })
    const sorted = await downloads.rowNames()
    expect(sorted).toEqual([...sorted].sort((a, b) => collator.compare(a, b)))
    await page.getByTestId('downloads-sort').selectOption('queue')

    // The whole batch canceled from its row, after the question.
    await batch.getByTestId('download-batch-cancel').click()
    await downloads.confirmCancel()
    await expect
      .poll(() => page.locator('[data-testid="download-row"][data-state="paused"]').count())
      .toBe(0)
    expect(
      Number(await page.getByTestId('downloads-filter-canceled').locator('.count').textContent()),
    ).toBeGreaterThanOrEqual(2)

    // Nothing runs now: the header says so, without "0 B of 0 B · — · ETA —".
    const overview = page.getByTestId('downloads-overview')
    await page.locator('[data-testid="downloads-overview"]:not([data-status="running"])').waitFor()
    expect(await overview.textContent()).not.toContain('ETA')
    expect(await overview.textContent()).not.toContain('—')
  } finally {
    await driver.request('settings.update', { speedLimitBytesPerSecond: 0 })
  }
}

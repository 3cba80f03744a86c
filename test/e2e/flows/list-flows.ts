import { expect } from 'vitest'
import { ExportDialogPage, ImportDialogPage } from '../pages/address-lists'
import { DownloadsPage } from '../pages/downloads-page'
import { LibraryPage } from '../pages/library-page'
import { sourceExtension, video, videoIdsWithTitle, type FlowContext } from './flow-context'
import { exportCsvRows } from '../../support/export-csv'

/**
 * Searches the library, exports the addresses of everything the search matches as CSV, and
 * checks the downloaded file: one row per match, a signed URL each, and the expiry the dialog
 * showed.
 */
export async function exportFilterAsCsv(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const library = new LibraryPage(page)
  const wanted = videoIdsWithTitle(context, '2026')
  expect(wanted.length).toBeGreaterThan(1)
  await library.open()
  await library.search('2026')
  await library.waitForMedia(wanted)

  const dialog = new ExportDialogPage(page)
  await dialog.open()
  expect(await dialog.isChecked('export-scope-filter')).toBe(true)
  expect(await dialog.text('export-warning')).toContain('signed and expire')
  const startedAt = Date.now()
  await dialog.start()
  expect(await dialog.text('export-summary')).toBe(
    `${wanted.length} media, ${wanted.length} files.`,
  )
  const earliest = Date.parse(
    (await dialog.attribute('export-expiry', 'data-earliest-expires-at')) ?? '',
  )
  const latest = Date.parse(
    (await dialog.attribute('export-expiry', 'data-latest-expires-at')) ?? '',
  )
  expect(await dialog.text('export-expiry')).toContain('Signed URLs')

  const saved = await dialog.save('csv')
  expect(saved.name).toMatch(/^vod-addresses-video-\d{8}-\d{4}\.csv$/)
  expect(saved.text.startsWith('\uFEFF# WARNING: these download URLs are signed')).toBe(true)
  const rows = exportCsvRows(saved.text)
  expect(rows.map((row) => row.mediaId).sort()).toEqual([...wanted].sort())
  const expiries = rows.map((row) => Date.parse(row.expiresAt))
  for (const [index, row] of rows.entries()) {
    expect(row.kind).toBe('source')
    expect(row.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*auth_key=/)
    // The address lifetime of Settings (24 hours by default).
    expect(expiries[index]).toBeGreaterThan(startedAt + 86_400_000 - 60_000)
    expect(expiries[index]).toBeLessThanOrEqual(Date.now() + 86_400_000 + 1000)
  }
  expect(Math.min(...expiries)).toBe(earliest)
  expect(Math.max(...expiries)).toBe(latest)
  await dialog.close()
}

/**
 * Imports a small CSV with one bad line: the good lines become one batch that downloads, and
 * the bad one is reported with its line number.
 */
export async function importListWithBadLine(context: FlowContext): Promise<void> {
  const { driver, emulator } = context
  const { roles } = emulator.library
  const first = video(context, roles.normalWithHdMp4)
  const second = video(context, roles.withInvisibleStreams)
  const names = [
    `imported/first.${sourceExtension(first)}`,
    `imported/second.${sourceExtension(second)}`,
  ]
  const text = [
    'mediaId,fileName,kind',
    `${first.id},${names[0]},source`,
    'not-a-media-id,broken.mp4,source',
    `${second.id},${names[1]},source`,
  ].join('\r\n')
  const downloads = new DownloadsPage(driver.page)
  await downloads.open()
  const dialog = new ImportDialogPage(driver.page)
  await dialog.importList('pulls.csv', text)
  expect(await dialog.addedCount()).toBe(2)
  const problems = await dialog.problems()
  expect(problems).toHaveLength(1)
  expect(problems[0]?.line).toBe(3)
  expect(problems[0]?.text).toContain('not a media id: "not-a-media-id"')
  await dialog.close()

  for (const name of names) {
    expect(await downloads.waitForState(name, ['completed', 'failed'])).toBe('completed')
  }
  const jobs = (await driver.request('downloads.list', {})).filter((job) =>
    names.includes(job.fileName),
  )
  expect(jobs).toHaveLength(2)
  expect(jobs[0]?.batchId).not.toBeNull()
  expect(jobs[1]?.batchId).toBe(jobs[0]?.batchId)
}

/**
 * The export's result in words: "1 file" for one, and each reason a file has no address as a
 * sentence (never "ProprietaryEncryption 2").
 */
export async function exportResultInWords(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const { roles } = context.emulator.library
  const encrypted = video(context, roles.proprietaryOnly)
  const library = new LibraryPage(page)
  await library.open()
  await library.search(encrypted.title)
  await library.row(encrypted.id).click()
  const dialog = new ExportDialogPage(page)

  await dialog.open()
  expect(await dialog.isChecked('export-scope-selection')).toBe(true)
  await dialog.start()
  expect(await dialog.text('export-summary')).toBe('1 media, 1 file.')
  await dialog.close()

  await dialog.open()
  await dialog.dialog().getByTestId('export-file-source').uncheck()
  await dialog.dialog().getByTestId('export-file-rendition').check()
  await dialog.start()
  const failures = dialog.dialog().getByTestId('export-failures')
  expect(await failures.textContent()).not.toContain('ProprietaryEncryption')
  const reasons = failures.getByTestId('export-failure-reason')
  expect(await reasons.count()).toBe(1)
  expect(await reasons.first().getAttribute('data-code')).toBe('ProprietaryEncryption')
  expect(await reasons.first().textContent()).toMatch(
    /^\d+ files?: This stream uses Alibaba Cloud proprietary encryption and plays only in the Aliyun player/,
  )
  await dialog.close()
}

import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { expect } from 'vitest'
import { DetailsPage } from '../pages/details-page'
import { DownloadsPage } from '../pages/downloads-page'
import { LibraryPage } from '../pages/library-page'
import { sourceExtension, video, type FlowContext } from './flow-context'

/** Finds a video by its title and opens its details. */
export async function openVideo(context: FlowContext, mediaId: string): Promise<DetailsPage> {
  const media = video(context, mediaId)
  const library = new LibraryPage(context.driver.page)
  await library.open()
  await library.search(media.title)
  await library.row(mediaId).waitFor()
  await library.openDetails(mediaId)
  const details = new DetailsPage(context.driver.page)
  await details.waitForTitle(media.title)
  return details
}

/** Opens a video, picks its HD MP4 rendition and downloads it to `<title>/HD.mp4`. */
export async function downloadHdRendition(context: FlowContext): Promise<void> {
  const mediaId = context.emulator.library.roles.normalWithHdMp4
  const media = video(context, mediaId)
  const details = await openVideo(context, mediaId)
  await details.checkRendition('HD', 'mp4')
  await details.download()
  const downloads = new DownloadsPage(context.driver.page)
  await downloads.open()
  const name = `${media.title}/HD.mp4`
  expect(await downloads.waitForState(name, ['completed', 'failed'])).toBe('completed')
  const stream = media.streams.find((item) => item.definition === 'HD' && item.format === 'mp4')
  const written = await stat(join(context.downloadFolder, media.title, 'HD.mp4'))
  expect(written.size).toBe(stream?.size)
}

/**
 * A large source is paused and resumed (a speed limit gives the time). While it holds the only
 * large-file slot, a second large source waits; when it starts, VOD says its video is gone: its
 * row says why in words, and a retry once the fault has passed completes it.
 */
export async function pauseResumeAndFailingJob(context: FlowContext): Promise<void> {
  const { driver, emulator } = context
  const { largeSources } = emulator.library.roles
  const large = video(context, largeSources[2] ?? '')
  const other = video(context, largeSources[1] ?? '')
  const largeName = `${large.title}/source.${sourceExtension(large)}`
  const otherName = `${other.title}/source.${sourceExtension(other)}`
  await driver.request('settings.update', {
    speedLimitBytesPerSecond: 1024 * 1024,
    maxConcurrentJobs: 1,
  })
  try {
    const largeDetails = await openVideo(context, large.id)
    await largeDetails.checkSource()
    await largeDetails.download()
    const downloads = new DownloadsPage(driver.page)
    await downloads.open()
    await downloads.waitForProgress(largeName, 1)

    const otherDetails = await openVideo(context, other.id)
    await otherDetails.checkSource()
    await otherDetails.download()
    await downloads.open()
    expect(await downloads.waitForState(otherName, ['queued'])).toBe('queued')

    // When the waiting job asks VOD for its source, VOD answers that the video is gone.
    emulator.failNext('GetMezzanineInfo', { code: 'InvalidVideo.NotFound', status: 404 })
    await downloads.press(largeName, 'pause')
    expect(await downloads.waitForState(largeName, ['paused'])).toBe('paused')
    expect(await downloads.waitForState(otherName, ['failed'])).toBe('failed')
    expect(await downloads.errorText(otherName)).toContain('The media or file does not exist.')

    await downloads.press(largeName, 'resume')
    await driver.request('settings.update', { speedLimitBytesPerSecond: 0, maxConcurrentJobs: 3 })
    expect(await downloads.waitForState(largeName, ['completed', 'failed'])).toBe('completed')
    // The row still says "failed" right after the click: wait for the outcome, not any state.
    await downloads.press(otherName, 'retry')
    expect(await downloads.waitForState(otherName, ['completed'])).toBe('completed')
    for (const media of [large, other]) {
      const path = join(context.downloadFolder, media.title, `source.${sourceExtension(media)}`)
      expect((await stat(path)).size).toBe(media.source.size)
    }
  } finally {
    await driver.request('settings.update', { speedLimitBytesPerSecond: 0, maxConcurrentJobs: 3 })
  }
}

/**
 * A source whose signed URL expires while it downloads (the emulator signs for seconds and
 * cuts responses, so the engine must come back with a fresh URL) still completes, whole.
 */
export async function downloadThroughUrlExpiry(context: FlowContext): Promise<void> {
  const { driver, emulator } = context
  const large = video(context, emulator.library.roles.largeSources[0] ?? '')
  const name = `${large.title}/source.${sourceExtension(large)}`
  await driver.request('settings.update', { speedLimitBytesPerSecond: 2 * 1024 * 1024 })
  try {
    const details = await openVideo(context, large.id)
    await details.checkSource()
    const countLookups = (): number =>
      emulator.log.filter((entry) => entry.action === 'GetMezzanineInfo').length
    const lookupsBefore = countLookups()
    await details.download()
    const downloads = new DownloadsPage(driver.page)
    await downloads.open()
    expect(await downloads.waitForState(name, ['completed', 'failed'])).toBe('completed')
    // One lookup to queue it, one for the first URL, and at least one renewal (before the
    // URL's known expiry, or after a refusal: either way the bytes already written are kept).
    expect(countLookups() - lookupsBefore).toBeGreaterThanOrEqual(3)
    const written = await stat(
      join(context.downloadFolder, large.title, `source.${sourceExtension(large)}`),
    )
    expect(written.size).toBe(large.source.size)
  } finally {
    await driver.request('settings.update', { speedLimitBytesPerSecond: 0 })
  }
}

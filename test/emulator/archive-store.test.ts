import { describe, expect, it } from 'vitest'
import { ArchiveStore, uniformRestoreDurations } from '../../src/emulator/archive-store'
import { buildDemoLibrary } from '../../src/emulator/library'
import { defaultMediaDirectory, loadMediaCatalogue } from '../../src/emulator/media-catalogue'

const dayMs = 86_400_000

async function store(): Promise<{
  archive: ArchiveStore
  clock: { now: number }
  library: Awaited<ReturnType<typeof buildDemoLibrary>>['library']
}> {
  const catalogue = await loadMediaCatalogue(defaultMediaDirectory())
  const { library } = buildDemoLibrary(catalogue, {
    extraVideos: 0,
    largeSourceBytes: 1024,
    extraImages: 0,
    extraImageBytes: 1024,
  })
  const clock = { now: Date.UTC(2026, 11, 1) }
  return {
    archive: new ArchiveStore(library, () => clock.now, uniformRestoreDurations(60)),
    clock,
    library,
  }
}

describe('the emulator archive store', () => {
  it('freezes the source of Source… classes and every object of a whole archived item', async () => {
    const { archive, library } = await store()
    const source = library.findMedia(library.roles.archivedSource)!
    const cold = library.findMedia(library.roles.coldArchive)!
    const normal = library.findMedia(library.roles.normalWithHdMp4)!
    expect(archive.isFrozen(source.source.object.bucket, source.source.object.key)).toBe(true)
    const sourceStream = source.streams[0]!.object
    expect(archive.isFrozen(sourceStream.bucket, sourceStream.key)).toBe(false)
    const coldStream = cold.streams[0]!.object
    expect(archive.isFrozen(coldStream.bucket, coldStream.key)).toBe(true)
    expect(archive.isFrozen(normal.source.object.bucket, normal.source.object.key)).toBe(false)
  })

  it('restores after its time, keeps the copy for the days asked, then freezes it again', async () => {
    const { archive, clock, library } = await store()
    const media = library.findMedia(library.roles.coldArchive)!
    const { bucket, key } = media.source.object
    expect(archive.restore(media, { days: 2, tier: 'Bulk' })).toBeUndefined()
    expect(archive.restoreOf(media)).toEqual({ status: 'Processing' })
    expect(archive.isFrozen(bucket, key)).toBe(true)
    // Asking again while it runs changes nothing.
    archive.restore(media, { days: 9, tier: 'Expedited' })
    expect(archive.requestOf(media.id)).toEqual({ tier: 'Bulk', days: 2 })
    clock.now += 60_000
    expect(archive.restoreOf(media)).toEqual({
      status: 'Success',
      expiration: clock.now + 2 * dayMs,
    })
    expect(archive.isFrozen(bucket, key)).toBe(false)
    clock.now += 2 * dayMs
    expect(archive.restoreOf(media)).toBeUndefined()
    expect(archive.isFrozen(bucket, key)).toBe(true)
  })

  it('refuses media that is not archived, and fails a restore when told to', async () => {
    const { archive, clock, library } = await store()
    const normal = library.findMedia(library.roles.normalWithHdMp4)!
    expect(archive.restore(normal, { days: 1, tier: 'Standard' })).toBe('Forbidden.RestoreMedia')
    const media = library.findMedia(library.roles.archivedSource)!
    archive.restore(media, { days: 1, tier: 'Standard' })
    archive.failRestore(media.id)
    clock.now += 60_000
    expect(archive.restoreOf(media)).toEqual({ status: 'Failed' })
    expect(archive.isFrozen(media.source.object.bucket, media.source.object.key)).toBe(true)
  })
})

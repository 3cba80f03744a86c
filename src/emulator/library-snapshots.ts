import { hexId } from './ids'
import type { BuildContext } from './library-streams'
import { pad } from './library-streams'
import type { DemoSnapshotSet, ObjectLocation, SnapshotType } from './library-types'
import type { ManifestLine } from './object-store'
import { contentTypeFor } from './object-store'

/**
 * Snapshot sets of a video (covers, normal snapshots, sprites, the sprite's original frames and
 * the WebVTT that maps time ranges to sprite tiles), each served from a committed image.
 */

const coverFiles = ['cover-1.jpg', 'cover-2.jpg', 'cover-3.jpg']
const snapshotFiles = ['snapshot-1.jpg', 'snapshot-2.jpg', 'snapshot-3.jpg', 'snapshot-4.jpg']
const spriteColumns = 5
const spriteRows = 2
const spriteTileWidth = 128
const spriteTileHeight = 72
const spriteFrameSeconds = 0.4

interface SnapshotOwner {
  id: string
  creationTime: number
}

export function coverSnapshots(
  context: BuildContext,
  owner: SnapshotOwner,
  count: number,
): DemoSnapshotSet {
  return imageSet(context, owner, 'CoverSnapshot', 'snapshots', count, (index) => {
    return coverFiles[index % coverFiles.length] ?? 'cover-1.jpg'
  })
}

export function normalSnapshots(
  context: BuildContext,
  owner: SnapshotOwner,
  count: number,
): DemoSnapshotSet {
  return imageSet(context, owner, 'NormalSnapshot', 'snapshots/normal', count, (index) => {
    return snapshotFiles[index % snapshotFiles.length] ?? 'snapshot-1.jpg'
  })
}

/** Sprite, sprite origin frames and WebVTT, all from one sprite job. */
export function spriteSnapshots(
  context: BuildContext,
  owner: SnapshotOwner,
): Record<'SpriteSnapshot' | 'SpriteOriginSnapshot' | 'WebVttSnapshot', DemoSnapshotSet> {
  const jobId = hexId('snapshot-job', owner.id, 'sprite')
  const creationTime = owner.creationTime + 30 * 60_000
  const directory = `${owner.id}/snapshots/sprite`
  const spriteName = `${jobId}-${pad(1, 5)}.jpg`
  const sprite = addFile(context, `${directory}/${spriteName}`, 'sprite.jpg', creationTime)
  const frameCount = spriteColumns * spriteRows
  const origins: ObjectLocation[] = []
  for (let index = 0; index < frameCount; index++) {
    origins.push(
      addFile(
        context,
        `${directory}/${jobId}-origin-${pad(index + 1, 5)}.jpg`,
        `sprite-origin-${pad(index + 1, 2)}.jpg`,
        creationTime,
      ),
    )
  }
  const vtt = { bucket: context.vodBucket, key: `${directory}/${jobId}.vtt` }
  context.objects.add({
    ...vtt,
    contentType: contentTypeFor(vtt.key),
    body: { kind: 'manifest', lines: webVttLines(spriteName, frameCount) },
    lastModified: creationTime,
  })
  const set = (type: SnapshotType, items: ObjectLocation[], regularKey: string) => ({
    type,
    jobId,
    creationTime,
    items,
    regularKey,
  })
  return {
    SpriteSnapshot: set('SpriteSnapshot', [sprite], `${directory}/${jobId}-{SnapshotCount}.jpg`),
    SpriteOriginSnapshot: set(
      'SpriteOriginSnapshot',
      origins,
      `${directory}/${jobId}-origin-{SnapshotCount}.jpg`,
    ),
    WebVttSnapshot: set('WebVttSnapshot', [vtt], `${directory}/${jobId}.vtt`),
  }
}

/** Cues of `spriteFrameSeconds` each, pointing at tiles of the sprite with `#xywh`. */
function webVttLines(spriteName: string, frameCount: number): ManifestLine[] {
  const lines: ManifestLine[] = [{ kind: 'text', text: 'WEBVTT' }]
  for (let index = 0; index < frameCount; index++) {
    const x = (index % spriteColumns) * spriteTileWidth
    const y = Math.floor(index / spriteColumns) * spriteTileHeight
    lines.push(
      { kind: 'text', text: '' },
      {
        kind: 'text',
        text: `${cueTime(index * spriteFrameSeconds)} --> ${cueTime((index + 1) * spriteFrameSeconds)}`,
      },
      {
        kind: 'reference',
        name: spriteName,
        suffix: `#xywh=${x},${y},${spriteTileWidth},${spriteTileHeight}`,
      },
    )
  }
  lines.push({ kind: 'text', text: '' })
  return lines
}

function cueTime(seconds: number): string {
  const milliseconds = Math.round(seconds * 1000)
  const hours = Math.floor(milliseconds / 3_600_000)
  const minutes = Math.floor(milliseconds / 60_000) % 60
  const wholeSeconds = Math.floor(milliseconds / 1000) % 60
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(wholeSeconds, 2)}.${pad(milliseconds % 1000, 3)}`
}

function imageSet(
  context: BuildContext,
  owner: SnapshotOwner,
  type: SnapshotType,
  folder: string,
  count: number,
  fileFor: (index: number) => string,
): DemoSnapshotSet {
  const jobId = hexId('snapshot-job', owner.id, type)
  const creationTime = owner.creationTime + 20 * 60_000
  const directory = `${owner.id}/${folder}`
  const items: ObjectLocation[] = []
  for (let index = 0; index < count; index++) {
    items.push(
      addFile(
        context,
        `${directory}/${jobId}-${pad(index + 1, 5)}.jpg`,
        fileFor(index),
        creationTime,
      ),
    )
  }
  return {
    type,
    jobId,
    creationTime,
    items,
    regularKey: `${directory}/${jobId}-{SnapshotCount}.jpg`,
  }
}

function addFile(
  context: BuildContext,
  key: string,
  file: string,
  lastModified: number,
): ObjectLocation {
  context.catalogue.file(file)
  const location = { bucket: context.vodBucket, key }
  context.objects.add({
    ...location,
    contentType: contentTypeFor(key),
    body: { kind: 'file', file },
    lastModified,
  })
  return location
}

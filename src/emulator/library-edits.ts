import { hexId } from './ids'
import { bitrateKbps } from './library-streams'
import type { DemoLibrary, DemoMedia, DemoStream } from './library-types'
import type { MediaCatalogue } from './media-catalogue'
import type { ObjectStore } from './object-store'
import { contentTypeFor } from './object-store'

/**
 * Changes to the library while the emulator runs, as users make them in the console: a new
 * upload, a renamed title, a re-uploaded source, a new transcode, a deleted item. Each bumps the
 * item's ModificationTime as the service does. Tests of incremental backups use them.
 */
export interface LibraryEdits {
  /** Uploads a new video (a source master only) and answers its id. */
  addVideo(title: string, options?: { cateId?: number; cateName?: string }): string
  renameMedia(mediaId: string, title: string): void
  /** Replaces the source master with other bytes (another size, a new upload time). */
  replaceSource(mediaId: string): void
  /** A new transcode: a rendition of this definition (mp4) appears, or replaces the current one. */
  addRendition(mediaId: string, definition: 'FD' | 'LD' | 'SD' | 'HD' | '2K'): void
  /** Deletes a video or audio: every action answers as if it never existed. */
  deleteMedia(mediaId: string): void
}

export interface LibraryEditsDependencies {
  library: DemoLibrary
  /** The map behind `library.findMedia`. */
  mediaById: Map<string, DemoMedia>
  objects: ObjectStore
  catalogue: MediaCatalogue
  now: () => number
  /** Called after every edit (cached search results are stale). */
  onChange: () => void
}

const mp4Clips: Record<string, string> = {
  FD: 'video-fd.mp4',
  LD: 'video-ld.mp4',
  SD: 'video-sd.mp4',
  HD: 'video-hd.mp4',
  '2K': 'video-2k.mp4',
}

export function createLibraryEdits(dependencies: LibraryEditsDependencies): LibraryEdits {
  const { library, mediaById, objects, catalogue, now, onChange } = dependencies
  let edits = 0
  const mutable = <T>(list: readonly T[]): T[] => list as T[]

  const media = (mediaId: string): DemoMedia => {
    const found = mediaById.get(mediaId)
    if (!found) throw new Error(`no video or audio ${mediaId}`)
    return found
  }
  /** The service's clock has whole seconds; an edit never shares its second with the last one. */
  const stamp = (item: DemoMedia): number => {
    edits += 1
    const time = Math.max(now(), item.modificationTime + 1000)
    item.modificationTime = time
    return time
  }

  return {
    addVideo(title, options = {}) {
      edits += 1
      const id = hexId('edited-video', edits, title)
      const file = catalogue.file('video-sd.mp4')
      const creationTime = Math.floor(now() / 1000) * 1000
      const key = `sv/${id.slice(0, 12)}/source-${edits}.mp4`
      objects.add({
        bucket: library.vodBucket,
        key,
        contentType: 'video/mp4',
        body: { kind: 'file', file: file.name },
        lastModified: creationTime,
      })
      const video: DemoMedia = {
        mediaType: 'video',
        id,
        title,
        description: 'Uploaded while the emulator ran.',
        tags: ['edited'],
        cateId: options.cateId ?? 0,
        cateName: options.cateName ?? '',
        status: 'Normal',
        creationTime,
        modificationTime: creationTime,
        durationSeconds: file.durationSeconds ?? 0,
        appId: 'app-1000000',
        storageLocation: `${library.vodBucket}.oss-cn-shanghai.aliyuncs.com`,
        templateGroupId: hexId('template-group', 'default'),
        transcodeMode: 'NoTranscode',
        downloadSwitch: 'on',
        source: {
          object: { bucket: library.vodBucket, key },
          fileName: `${title.replace(/[\\/:*?"<>|]+/g, '_')}.mp4`,
          size: file.bytes.length,
          contentType: 'video/mp4',
          synthetic: false,
          file: file.name,
          width: file.width,
          height: file.height,
          durationSeconds: file.durationSeconds ?? 0,
          fps: file.fps ?? 0,
          bitrateKbps: bitrateKbps(file.bytes.length, file.durationSeconds ?? 0),
          reportsMd5: true,
          reportsCrc64: false,
          creationTime,
        },
        streams: [],
        snapshots: {},
        generated: true,
      }
      mutable(library.videos).push(video)
      mediaById.set(id, video)
      onChange()
      return id
    },

    renameMedia(mediaId, title) {
      const item = media(mediaId)
      item.title = title
      stamp(item)
      onChange()
    },

    replaceSource(mediaId) {
      const item = media(mediaId)
      const time = stamp(item)
      const current = item.source.file
      const file = catalogue.file(current === 'video-ld.mp4' ? 'video-fd.mp4' : 'video-ld.mp4')
      const key = `${item.source.object.key.replace(/\.mp4$/, '')}-${edits}.mp4`
      objects.add({
        bucket: item.source.object.bucket,
        key,
        contentType: 'video/mp4',
        body: { kind: 'file', file: file.name },
        lastModified: time,
      })
      item.source = {
        ...item.source,
        object: { bucket: item.source.object.bucket, key },
        size: file.bytes.length,
        synthetic: false,
        file: file.name,
        width: file.width,
        height: file.height,
        creationTime: time,
      }
      delete item.source.seed
      onChange()
    },

    addRendition(mediaId, definition) {
      const item = media(mediaId)
      const time = stamp(item)
      const file = catalogue.file(mp4Clips[definition] as string)
      const jobId = hexId('edited-job', mediaId, definition, edits)
      const object = {
        bucket: library.vodBucket,
        key: `${mediaId}/${jobId}-${definition.toLowerCase()}.mp4`,
      }
      objects.add({
        ...object,
        contentType: contentTypeFor(object.key),
        body: { kind: 'file', file: file.name },
        lastModified: time,
      })
      // The transcode it replaces (same definition and format) becomes an older duplicate.
      for (const stream of item.streams) {
        if (stream.definition === definition && stream.format === 'mp4') stream.status = 'Invisible'
      }
      const durationSeconds = file.durationSeconds ?? 0
      const stream: DemoStream = {
        jobId,
        definition,
        format: 'mp4',
        streamType: 'video',
        status: 'Normal',
        encrypt: 0,
        width: file.width,
        height: file.height,
        durationSeconds,
        fps: file.fps ?? 0,
        bitrateKbps: bitrateKbps(file.bytes.length, durationSeconds),
        size: file.bytes.length,
        creationTime: time,
        modificationTime: time,
        object,
        file: file.name,
      }
      item.streams.push(stream)
      onChange()
    },

    deleteMedia(mediaId) {
      const item = media(mediaId)
      const list = mutable(item.mediaType === 'audio' ? library.audios : library.videos)
      list.splice(list.indexOf(item), 1)
      mediaById.delete(mediaId)
      edits += 1
      onChange()
    },
  }
}

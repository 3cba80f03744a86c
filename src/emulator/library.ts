import { hexId, seedFrom } from './ids'
import type { AudioSpec, VideoSpec } from './library-titles'
import {
  audioSpecs,
  categories,
  imageTitles,
  subCategories,
  videoSpecs,
  videoSpreadCount,
} from './library-titles'
import type { BuildContext } from './library-streams'
import { audioStreams, bitrateKbps, streamsForProfile } from './library-streams'
import { coverSnapshots, normalSnapshots, spriteSnapshots } from './library-snapshots'
import type {
  DemoCategory,
  DemoImage,
  DemoLibrary,
  DemoMedia,
  DemoRoles,
  DemoSnapshotSet,
  DemoSource,
  SnapshotType,
  VideoStatus,
} from './library-types'
import type { MediaCatalogue } from './media-catalogue'
import type { HlsKeyRecord } from './object-store'
import { ObjectStore, contentTypeFor } from './object-store'

/**
 * The deterministic demo library: 46 hand-written videos, 5 audios and 30 images spread over
 * two years, plus `extraVideos` generated videos for paging tests and `extraImages` generated
 * images for the many-small-files benchmark. Same ids on every start.
 */

export interface LibraryOptions {
  extraVideos: number
  /** Size of each generated video's source master (synthetic bytes); the SD clip when absent. */
  extraVideoBytes?: number | undefined
  largeSourceBytes: number
  extraImages: number
  /** Size of each generated image (synthetic bytes). */
  extraImageBytes: number
}

export interface BuiltLibrary {
  library: DemoLibrary
  objects: ObjectStore
  hlsKeys: ReadonlyMap<string, HlsKeyRecord>
  /** The map behind `library.findMedia`, for edits while the emulator runs (library-edits.ts). */
  mediaById: Map<string, DemoMedia>
}

/** The newest item's creation time; everything else is older. */
export const libraryAnchor = Date.UTC(2026, 9, 1, 8, 0, 0)
const librarySpanMs = 730 * 24 * 3_600_000
const hour = 3_600_000

export const appId = 'app-1000000'
export const templateGroupId = hexId('template-group', 'default')

export function buildDemoLibrary(catalogue: MediaCatalogue, options: LibraryOptions): BuiltLibrary {
  const vodBucket = `outin-${hexId('bucket', 'vod')}`
  const inputBucket = `in-${hexId('bucket', 'input')}`
  const ownBucket = `media-masters-${hexId('bucket', 'own').slice(0, 12)}`
  const context: BuildContext = {
    catalogue,
    objects: new ObjectStore([vodBucket, inputBucket, ownBucket]),
    hlsKeys: new Map(),
    vodBucket,
  }
  const location = (bucket: string) => `${bucket}.oss-cn-shanghai.aliyuncs.com`
  const roles: Partial<Record<keyof DemoRoles, string>> = {}
  const largeSources: string[] = []

  const videos: DemoMedia[] = videoSpecs.map((spec, index) => {
    const id = hexId('video', index)
    const creationTime = spreadTime(index, videoSpreadCount, id)
    const sourceBucket = spec.inputBucket ? inputBucket : spec.ownBucket ? ownBucket : vodBucket
    const media = buildVideo(context, spec, {
      id,
      creationTime,
      source: buildSource(context, spec, id, index, creationTime, sourceBucket, options),
      storageLocation: location(sourceBucket),
    })
    if (spec.role) roles[spec.role] = id
    if (spec.largeSource !== undefined) largeSources[spec.largeSource] = id
    return media
  })
  for (let index = 0; index < options.extraVideos; index++) {
    videos.push(
      buildGeneratedVideo(
        context,
        index,
        options.extraVideos,
        location(vodBucket),
        options.extraVideoBytes,
      ),
    )
  }
  const audios = audioSpecs.map((spec, index) =>
    buildAudio(context, spec, index, location(vodBucket)),
  )
  const images = imageTitles.map((title, index) =>
    buildImage(context, title, index, location(vodBucket)),
  )
  for (let index = 0; index < options.extraImages; index++) {
    images.push(buildGeneratedImage(context, index, options, location(vodBucket)))
  }

  const firstNormalAudio = audios.find((audio) => audio.status === 'Normal')
  const firstImage = images[0]
  if (!firstNormalAudio || !firstImage) throw new Error('the demo library has no audio or image')
  const completeRoles: DemoRoles = {
    ...requireRoles(roles),
    largeSources,
    audio: firstNormalAudio.id,
    image: firstImage.id,
  }
  const mediaById = new Map([...videos, ...audios].map((media) => [media.id, media]))
  const imageById = new Map(images.map((image) => [image.id, image]))
  const library: DemoLibrary = {
    videos,
    audios,
    images,
    roles: completeRoles,
    vodBucket,
    inputBucket,
    ownBucket,
    categories: categoryTree(),
    mediaDirectory: catalogue.directory,
    findMedia: (id) => mediaById.get(id),
    findImage: (id) => imageById.get(id),
  }
  return { library, objects: context.objects, hlsKeys: context.hlsKeys, mediaById }
}

interface VideoBasics {
  id: string
  creationTime: number
  source: DemoSource
  storageLocation: string
}

function buildVideo(context: BuildContext, spec: VideoSpec, basics: VideoBasics): DemoMedia {
  const { id, creationTime } = basics
  const status: VideoStatus = spec.status ?? 'Normal'
  const owner = { id, creationTime }
  const streams = streamsForProfile(context, owner, spec.profile)
  const snapshots: Partial<Record<SnapshotType, DemoSnapshotSet>> = {}
  // Covers exist once the first transcode has produced frames.
  const hasFrames = streams.length > 0 || (status === 'Normal' && !spec.inputBucket)
  if (hasFrames) snapshots.CoverSnapshot = coverSnapshots(context, owner, 8)
  if (spec.normalSnapshots) {
    snapshots.NormalSnapshot = normalSnapshots(context, owner, spec.normalSnapshots)
  }
  if (spec.sprites) Object.assign(snapshots, spriteSnapshots(context, owner))
  const category = categoryOf(spec)
  return {
    mediaType: 'video',
    id,
    title: spec.title,
    description: spec.description,
    tags: spec.tags,
    cateId: category.cateId,
    cateName: category.cateName,
    status,
    creationTime,
    modificationTime: creationTime + (seedFrom('modified', id) % 72) * hour,
    durationSeconds: streams[0]?.durationSeconds ?? basics.source.durationSeconds ?? 0,
    appId,
    storageLocation: basics.storageLocation,
    templateGroupId,
    transcodeMode: spec.inputBucket ? 'NoTranscode' : 'FastTranscode',
    downloadSwitch: spec.downloadSwitch ?? 'on',
    ...(snapshots.CoverSnapshot ? { cover: snapshots.CoverSnapshot.items[2] } : {}),
    source: basics.source,
    streams,
    snapshots,
    generated: false,
    ...(spec.storageClass ? { storageClass: spec.storageClass } : {}),
  }
}

/** Statuses whose source has not been analysed yet, so GetMezzanineInfo lacks media details. */
const unanalysedStatuses: ReadonlySet<VideoStatus> = new Set([
  'UploadSucc',
  'TranscodeFail',
  'Uploading',
  'ProduceFail',
])

/** The mezzanine's own state for a video status: still uploading, or no source kept at all. */
function sourceState(status: VideoStatus): Pick<DemoSource, 'status' | 'absent'> {
  if (status === 'Uploading') return { status: 'Uploading' }
  if (status === 'UploadFail') return { status: 'UploadFail' }
  if (status === 'ProduceFail') return { absent: true }
  return {}
}

function buildSource(
  context: BuildContext,
  spec: VideoSpec,
  id: string,
  index: number,
  creationTime: number,
  bucket: string,
  options: LibraryOptions,
): DemoSource {
  const fileName = `${safeFileName(spec.title)}.mp4`
  const key = spec.inputBucket
    ? `input/${new Date(creationTime).getUTCFullYear()}/${id}.mp4`
    : sourceKey(id)
  const analysed = !unanalysedStatuses.has(spec.status ?? 'Normal')
  if (spec.largeSource !== undefined) {
    const size = largeSourceSize(options.largeSourceBytes, spec.largeSource)
    const seed = seedFrom('source', id)
    context.objects.add({
      bucket,
      key,
      contentType: 'video/mp4',
      body: { kind: 'synthetic', seed, size },
      lastModified: creationTime,
    })
    return {
      object: { bucket, key },
      fileName,
      size,
      contentType: 'video/mp4',
      synthetic: true,
      seed,
      width: 3840,
      height: 2160,
      durationSeconds: 4,
      fps: 25,
      bitrateKbps: bitrateKbps(size, 4),
      reportsMd5: spec.largeSource === 1,
      reportsCrc64: spec.largeSource !== 1,
      creationTime,
    }
  }
  const file = context.catalogue.file(spec.profile === 'premium' ? 'video-2k.mp4' : 'video-hd.mp4')
  context.objects.add({
    bucket,
    key,
    contentType: contentTypeFor(key),
    body: { kind: 'file', file: file.name },
    lastModified: creationTime,
  })
  return {
    object: { bucket, key },
    fileName,
    size: file.bytes.length,
    contentType: 'video/mp4',
    synthetic: false,
    file: file.name,
    ...(analysed
      ? {
          width: file.width,
          height: file.height,
          durationSeconds: file.durationSeconds ?? 0,
          fps: file.fps ?? 0,
          bitrateKbps: bitrateKbps(file.bytes.length, file.durationSeconds ?? 0),
        }
      : {}),
    ...sourceState(spec.status ?? 'Normal'),
    reportsMd5: index % 2 === 0,
    reportsCrc64: index % 3 === 0,
    creationTime,
  }
}

/** Three masters of different sizes: exactly the option, one byte-odd larger, one smaller. */
function largeSourceSize(largeSourceBytes: number, index: number): number {
  switch (index) {
    case 0:
      return largeSourceBytes
    case 1:
      return largeSourceBytes + 4_097
    default:
      return Math.floor(largeSourceBytes * 0.6) + 333
  }
}

function buildGeneratedVideo(
  context: BuildContext,
  index: number,
  count: number,
  storageLocation: string,
  sourceBytes: number | undefined,
): DemoMedia {
  const id = hexId('generated-video', index)
  // Interleaved with the demo items over the same two years.
  const creationTime = libraryAnchor - Math.floor(((index + 0.5) / count) * librarySpanMs)
  const owner = { id, creationTime }
  const transcoding = index % 97 === 96
  const streams = transcoding ? [] : streamsForProfile(context, owner, 'mobile')
  const cover = transcoding ? undefined : coverSnapshots(context, owner, 1)
  const category = categoryAt(index)
  const number = String(index + 1).padStart(5, '0')
  const title = index % 2 === 0 ? `Generated clip #${number}` : `批量生成视频 #${number}`
  const file = context.catalogue.file('video-sd.mp4')
  const key = sourceKey(id)
  // With a size given, the master is that many generated bytes (a library of 100,000 items to
  // back up should not cost 14 GB of disk); otherwise the committed SD clip.
  const seed = seedFrom('generated-video', index)
  context.objects.add({
    bucket: context.vodBucket,
    key,
    contentType: 'video/mp4',
    body:
      sourceBytes === undefined
        ? { kind: 'file', file: file.name }
        : { kind: 'synthetic', seed, size: sourceBytes },
    lastModified: creationTime,
  })
  return {
    mediaType: 'video',
    id,
    title,
    description: 'Generated for paging and traversal tests.',
    tags: ['generated'],
    cateId: category.cateId,
    cateName: category.cateName,
    status: transcoding ? 'Transcoding' : 'Normal',
    creationTime,
    modificationTime: creationTime + hour,
    durationSeconds: file.durationSeconds ?? 0,
    appId,
    storageLocation,
    templateGroupId,
    transcodeMode: 'FastTranscode',
    downloadSwitch: 'on',
    ...(cover ? { cover: cover.items[0] } : {}),
    source: {
      object: { bucket: context.vodBucket, key },
      fileName: `generated-${number}.mp4`,
      size: sourceBytes ?? file.bytes.length,
      contentType: 'video/mp4',
      ...(sourceBytes === undefined
        ? { synthetic: false, file: file.name }
        : { synthetic: true, seed }),
      width: file.width,
      height: file.height,
      durationSeconds: file.durationSeconds ?? 0,
      fps: file.fps ?? 0,
      bitrateKbps: bitrateKbps(file.bytes.length, file.durationSeconds ?? 0),
      reportsMd5: false,
      reportsCrc64: false,
      creationTime,
    },
    streams,
    snapshots: cover ? { CoverSnapshot: cover } : {},
    generated: true,
  }
}

function buildAudio(
  context: BuildContext,
  spec: AudioSpec,
  index: number,
  storageLocation: string,
): DemoMedia {
  const id = hexId('audio', index)
  const creationTime = spreadTime(index, audioSpecs.length, id)
  const owner = { id, creationTime }
  const status: VideoStatus = spec.status ?? 'Normal'
  const streams = status === 'Normal' ? audioStreams(context, owner) : []
  const cover = coverSnapshots(context, owner, 1)
  const file = context.catalogue.file('audio-hq.mp3')
  const key = `${sourceKey(id).slice(0, -'.mp4'.length)}.mp3`
  context.objects.add({
    bucket: context.vodBucket,
    key,
    contentType: 'audio/mpeg',
    body: { kind: 'file', file: file.name },
    lastModified: creationTime,
  })
  const category = categoryAt(spec.category)
  return {
    mediaType: 'audio',
    id,
    title: spec.title,
    description: spec.description,
    tags: spec.tags,
    cateId: category.cateId,
    cateName: category.cateName,
    status,
    creationTime,
    modificationTime: creationTime + 2 * hour,
    durationSeconds: file.durationSeconds ?? 0,
    appId,
    storageLocation,
    templateGroupId,
    transcodeMode: 'FastTranscode',
    downloadSwitch: 'on',
    cover: cover.items[0],
    source: {
      object: { bucket: context.vodBucket, key },
      fileName: `${safeFileName(spec.title)}.mp3`,
      size: file.bytes.length,
      contentType: 'audio/mpeg',
      synthetic: false,
      file: file.name,
      width: 0,
      height: 0,
      durationSeconds: file.durationSeconds ?? 0,
      fps: 0,
      bitrateKbps: bitrateKbps(file.bytes.length, file.durationSeconds ?? 0),
      reportsMd5: true,
      reportsCrc64: true,
      creationTime,
    },
    streams,
    snapshots: { CoverSnapshot: cover },
    generated: false,
  }
}

const imageFiles = [
  'image-landscape.jpg',
  'image-portrait.jpg',
  'image-square.png',
  'image-banner.jpg',
]

function buildImage(
  context: BuildContext,
  title: string,
  index: number,
  storageLocation: string,
): DemoImage {
  const id = hexId('image', index)
  const creationTime = spreadTime(index, imageTitles.length, id)
  const file = context.catalogue.file(imageFiles[index % imageFiles.length] ?? 'image-banner.jpg')
  const extension = file.name.slice(file.name.lastIndexOf('.') + 1)
  // The key shape VOD uses for uploaded images.
  const key = `image/default/${id.toUpperCase()}-6-2.${extension}`
  const contentType = contentTypeFor(key)
  context.objects.add({
    bucket: context.vodBucket,
    key,
    contentType,
    body: { kind: 'file', file: file.name },
    lastModified: creationTime,
  })
  const category = categoryAt(index)
  return {
    id,
    title,
    description: '',
    tags: index % 3 === 0 ? ['poster'] : [],
    cateId: category.cateId,
    cateName: category.cateName,
    imageType: index % 5 === 4 ? 'cover' : 'default',
    status: 'Normal',
    creationTime,
    modificationTime: creationTime + hour,
    appId,
    storageLocation,
    object: { bucket: context.vodBucket, key },
    fileName: `${safeFileName(title)}.${extension}`,
    contentType,
    size: file.bytes.length,
    width: file.width,
    height: file.height,
    file: file.name,
  }
}

/**
 * A generated image of `extraImageBytes` synthetic bytes: thousands of them make the library
 * the many-small-files benchmark downloads through real signed addresses.
 */
function buildGeneratedImage(
  context: BuildContext,
  index: number,
  options: LibraryOptions,
  storageLocation: string,
): DemoImage {
  const id = hexId('generated-image', index)
  const creationTime =
    libraryAnchor - Math.floor(((index + 0.5) / options.extraImages) * librarySpanMs)
  const key = `image/default/${id.toUpperCase()}-6-2.jpg`
  const contentType = contentTypeFor(key)
  context.objects.add({
    bucket: context.vodBucket,
    key,
    contentType,
    body: {
      kind: 'synthetic',
      seed: seedFrom('generated-image', index),
      size: options.extraImageBytes,
    },
    lastModified: creationTime,
  })
  const category = categoryAt(index)
  const number = String(index + 1).padStart(5, '0')
  return {
    id,
    title: `Generated still #${number}`,
    description: 'Generated for the many-small-files benchmark.',
    tags: ['generated'],
    cateId: category.cateId,
    cateName: category.cateName,
    imageType: 'default',
    status: 'Normal',
    creationTime,
    modificationTime: creationTime + hour,
    appId,
    storageLocation,
    object: { bucket: context.vodBucket, key },
    fileName: `still-${number}.jpg`,
    contentType,
    size: options.extraImageBytes,
    width: 320,
    height: 180,
  }
}

/** Item `index` of `count`, newest first, with a few hours of jitter so times are not round. */
function spreadTime(index: number, count: number, id: string): number {
  const jitter = (seedFrom('jitter', id) % (6 * 60)) * 60_000
  return libraryAnchor - Math.floor((index / count) * librarySpanMs) - jitter
}

/** VOD's key shape for uploaded sources: `sv/<a>-<b>/<a>-<b>.mp4`. */
function sourceKey(id: string): string {
  const name = `${id.slice(0, 8)}-${id.slice(8, 19)}`
  return `sv/${name}/${name}.mp4`
}

/** A video's category: the sub-category it is filed under, or its top-level one. */
function categoryOf(spec: VideoSpec): { cateId: number; cateName: string } {
  if (spec.subCategory === undefined) return categoryAt(spec.category)
  const category = subCategories[spec.subCategory]
  if (!category) throw new Error(`no sub-category ${spec.subCategory}`)
  return category
}

/** Every category, level 0 first, with its place in the tree and a creation time. */
function categoryTree(): DemoCategory[] {
  const top = categories.map((category, index) => ({
    ...category,
    parentId: -1,
    level: 0,
    creationTime: libraryAnchor - librarySpanMs - (categories.length - index) * hour,
  }))
  const below = subCategories.map((category, index) => ({
    ...category,
    creationTime: libraryAnchor - librarySpanMs + (index + 1) * hour,
  }))
  return [...top, ...below]
}

function categoryAt(index: number): { cateId: number; cateName: string } {
  const category = categories[index % categories.length]
  if (!category) throw new Error('no categories')
  return category
}

/** The original upload's file name: the title without characters file systems reject. */
function safeFileName(title: string): string {
  return title.replace(/[\\/:*?"<>|]+/g, '_').trim()
}

function requireRoles(
  roles: Partial<Record<keyof DemoRoles, string>>,
): Omit<DemoRoles, 'largeSources' | 'audio' | 'image'> {
  const pick = (name: keyof DemoRoles): string => {
    const id = roles[name]
    if (!id) throw new Error(`the demo library has no item for role ${name}`)
    return id
  }
  return {
    normalWithHdMp4: pick('normalWithHdMp4'),
    withInvisibleStreams: pick('withInvisibleStreams'),
    withAudioStreams: pick('withAudioStreams'),
    proprietaryOnly: pick('proprietaryOnly'),
    proprietaryAndPlain: pick('proprietaryAndPlain'),
    hlsEncrypted: pick('hlsEncrypted'),
    inputBucketSource: pick('inputBucketSource'),
    dashAndHdr: pick('dashAndHdr'),
    ownBucketSource: pick('ownBucketSource'),
    manySnapshots: pick('manySnapshots'),
    transcoding: pick('transcoding'),
    checking: pick('checking'),
    blocked: pick('blocked'),
    uploadSucc: pick('uploadSucc'),
    transcodeFail: pick('transcodeFail'),
    uploading: pick('uploading'),
    produceFail: pick('produceFail'),
    archivedSource: pick('archivedSource'),
    coldArchive: pick('coldArchive'),
  }
}

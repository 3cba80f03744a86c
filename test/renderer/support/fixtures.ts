import type { DownloadableFile, MediaSummary } from '../../../src/shared/contract'
import { toErrorData } from '../../../src/shared/errors'
import type { JobProgress, JobSnapshot } from '../../../src/shared/jobs'
import type { VodFileReference } from '../../../src/shared/vod'

/** Builders for contract-shaped test data with sensible defaults. */

export function makeReference(overrides: Partial<VodFileReference> = {}): VodFileReference {
  return {
    mediaId: 'media-1',
    mediaType: 'video',
    kind: 'rendition',
    outputType: 'cdn',
    definition: 'HD',
    format: 'mp4',
    jobId: 'transcode-hd-mp4',
    ...overrides,
  }
}

export function makeJob(overrides: Partial<JobSnapshot> = {}): JobSnapshot {
  const id = overrides.id ?? 1
  return {
    id,
    batchId: null,
    state: 'queued',
    source: { kind: 'vod', reference: makeReference({ jobId: `transcode-${id}` }) },
    label: `media-1 · HD mp4 #${id}`,
    directory: '/downloads',
    fileName: `Launch/HD-${id}.mp4`,
    totalBytes: 1000,
    doneBytes: 0,
    connections: 8,
    priority: 0,
    position: id,
    attempts: 0,
    error: null,
    nextAttemptAt: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    completedAt: null,
    ...overrides,
  }
}

export function makeProgress(overrides: Partial<JobProgress> & { id: number }): JobProgress {
  return {
    doneBytes: 0,
    totalBytes: 1000,
    speed: 0,
    etaSeconds: null,
    activeConnections: 1,
    ...overrides,
  }
}

export function makeMedia(index: number, overrides: Partial<MediaSummary> = {}): MediaSummary {
  return {
    mediaId: `media-${index}`,
    mediaType: 'video',
    title: `Clip ${index}`,
    coverUrl: null,
    duration: 60 + index,
    size: 1024 * 1024 * (index + 1),
    status: 'Normal',
    categoryId: null,
    categoryName: null,
    createdAt: '2024-05-20T08:00:00Z',
    modifiedAt: null,
    storageClass: 'Standard',
    ...overrides,
  }
}

export function makeFile(overrides: Partial<DownloadableFile> = {}): DownloadableFile {
  const reference = overrides.reference ?? makeReference()
  return {
    reference,
    kind: reference.kind,
    label: `${reference.definition ?? reference.kind} · ${reference.format ?? ''}`,
    definition: reference.definition ?? null,
    format: reference.format ?? null,
    width: 1920,
    height: 1080,
    bitrate: 4500,
    size: 500 * 1024 * 1024,
    duration: 60,
    encryption: 'none',
    downloadable: true,
    reason: null,
    status: 'Normal',
    jobId: reference.jobId ?? null,
    suggestedName: 'Launch/HD.mp4',
    forcedOss: false,
    thumbnailUrl: null,
    ...overrides,
  }
}

/** The files a typical transcoded video offers, including two that cannot be used as plain files. */
export function makeVideoFiles(mediaId: string): DownloadableFile[] {
  const reference = (overrides: Partial<VodFileReference>): VodFileReference =>
    makeReference({ mediaId, ...overrides })
  return [
    makeFile({
      reference: reference({
        kind: 'source',
        definition: undefined,
        format: undefined,
        jobId: undefined,
      }),
      kind: 'source',
      label: 'Source',
      definition: null,
      format: 'mov',
      size: 4 * 1024 ** 3,
      jobId: null,
      suggestedName: 'Launch/source.mov',
    }),
    makeFile({ reference: reference({ definition: 'HD', format: 'mp4', jobId: 'j-hd' }) }),
    makeFile({
      reference: reference({ definition: 'SD', format: 'mp4', jobId: 'j-sd' }),
      width: 1280,
      height: 720,
      bitrate: 2000,
      size: 200 * 1024 * 1024,
    }),
    makeFile({
      reference: reference({ definition: 'HD', format: 'm3u8', jobId: 'j-hls' }),
      encryption: 'hls-standard',
      size: null,
    }),
    makeFile({
      reference: reference({ definition: 'SD', format: 'm3u8', jobId: 'j-private' }),
      encryption: 'proprietary',
      downloadable: false,
      reason: toErrorData('ProprietaryEncryption'),
    }),
    makeFile({
      reference: reference({
        kind: 'cover',
        definition: undefined,
        format: undefined,
        jobId: undefined,
      }),
      kind: 'cover',
      label: 'Cover',
      definition: null,
      format: 'jpg',
      size: null,
      thumbnailUrl: 'https://example.invalid/cover.jpg',
    }),
    makeFile({
      reference: reference({
        kind: 'snapshot',
        definition: undefined,
        format: undefined,
        jobId: undefined,
        index: 0,
      }),
      kind: 'snapshot',
      label: 'Snapshot 1',
      definition: null,
      format: 'jpg',
      size: null,
      thumbnailUrl: 'https://example.invalid/snapshot-0.jpg',
    }),
  ]
}

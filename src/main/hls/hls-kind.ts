import type { HlsOutput, HlsSegmentRepository } from '../database/hls-segment-repository'
import type { JobRecord } from '../database/job-repository'
import type { TransferKind } from '../engine/job-transfer'
import { HlsTransfer } from './hls-transfer'
import { partsFolderPath } from './output-paths'

/** Settings of HLS downloads, read when they are needed so changes apply to the next job or key. */
export interface HlsSettings {
  /** What a new HLS job produces; default `auto` (an MP4 when ffmpeg is installed, else a folder). */
  output?: () => HlsOutput
  /** `MtsHlsUriToken` added to key requests of HLS standard encryption. */
  mtsHlsUriToken?: () => string | undefined
  /** Key hosts besides the playlist's own that the token may go to; default none. */
  keyHosts?: () => readonly string[]
  /** ffmpeg's path, or undefined when it is not installed (a PATH lookup in production). */
  locateFfmpeg: () => string | undefined
  /** Replaces the ffmpeg remux (tests). */
  remux?: (ffmpeg: string, playlistPath: string, outputPath: string) => Promise<void>
}

export interface HlsKindDependencies extends HlsSettings {
  repository: HlsSegmentRepository
}

/**
 * Whether a job is an HLS stream: a VOD rendition in the m3u8 format, or a plain URL whose path
 * ends in `.m3u8`. Everything else stays a plain file.
 */
export function isHlsJob(record: Pick<JobRecord, 'source'>): boolean {
  const { source } = record
  if (source.kind === 'vod') {
    return (
      source.reference.kind === 'rendition' && source.reference.format?.toLowerCase() === 'm3u8'
    )
  }
  try {
    return new URL(source.url).pathname.toLowerCase().endsWith('.m3u8')
  } catch {
    return false
  }
}

/** The HLS kind of download, for the job manager's `transferKinds`. */
export function createHlsTransferKind(dependencies: HlsKindDependencies): TransferKind {
  const { repository } = dependencies
  return {
    name: 'hls',
    handles: isHlsJob,
    create: (record, keeper, engine, hooks, signal) =>
      new HlsTransfer(record, keeper, engine, hooks, signal, {
        repository,
        output: dependencies.output ?? (() => 'auto'),
        mtsHlsUriToken: dependencies.mtsHlsUriToken ?? (() => undefined),
        keyHosts: dependencies.keyHosts ?? (() => []),
        locateFfmpeg: dependencies.locateFfmpeg,
        ...(dependencies.remux ? { remux: dependencies.remux } : {}),
      }),
    partialPaths: (record) =>
      record.fileName ? [partsFolderPath(record.directory, record.fileName)] : [],
    resetProgress: (record) => repository.clearSegments(record.id),
  }
}

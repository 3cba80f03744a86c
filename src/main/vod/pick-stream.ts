import { AppError } from '../../shared/errors'
import type { PlayInfo } from './actions/get-play-info'
import { encryptionOf } from './downloadable-files'

/** What identifies a rendition inside a GetPlayInfo reply. */
export interface StreamSelector {
  definition?: string
  format?: string
  streamType?: string
  /** The transcode job id: the unique id of one stream. */
  jobId?: string
}

/**
 * Picks the stream a rendition reference means. The job id wins when that stream still
 * exists; otherwise (the video was re-transcoded) the newest current stream with the same
 * definition, format and stream type stands in, and its new identity tells the engine the
 * content changed. Streams only the Aliyun player can play, and DASH (mpd) renditions, are
 * refused, never swapped for another quality behind the user's back.
 */
export function pickStream(streams: readonly PlayInfo[], selector: StreamSelector): PlayInfo {
  const described = describeSelector(selector)
  const exact = selector.jobId
    ? streams.find((stream) => stream.jobId === selector.jobId)
    : undefined
  if (exact) return refuseUnplayable(exact, described)
  const candidates = streams.filter((stream) => matches(stream, selector)).sort(newestCurrentFirst)
  if (candidates.length === 0) throw new AppError('NoStream', described)
  const playable = candidates.find(
    (stream) => isPlayableAnywhere(stream) && stream.format?.toLowerCase() !== 'mpd',
  )
  return playable ?? refuseUnplayable(candidates[0]!, described)
}

function refuseUnplayable(stream: PlayInfo, described: string): PlayInfo {
  // A DASH rendition (a job from an older version, or a list) fails before any byte.
  if (stream.format?.toLowerCase() === 'mpd') throw new AppError('DashUnsupported', described)
  if (isPlayableAnywhere(stream)) return stream
  const encryption = encryptionOf(stream)
  throw new AppError(
    'ProprietaryEncryption',
    `${described}: ${encryption === 'license' ? 'License mode' : 'AliyunVoDEncryption'}`,
  )
}

function isPlayableAnywhere(stream: PlayInfo): boolean {
  const encryption = encryptionOf(stream)
  return encryption !== 'proprietary' && encryption !== 'license'
}

function matches(stream: PlayInfo, selector: StreamSelector): boolean {
  return (
    sameText(stream.definition, selector.definition) &&
    sameText(stream.format, selector.format) &&
    sameText(stream.streamType, selector.streamType)
  )
}

/** An unset selector field matches anything; codes compare without regard to case. */
function sameText(actual: string | undefined, wanted: string | undefined): boolean {
  return wanted === undefined || actual?.toLowerCase() === wanted.toLowerCase()
}

function newestCurrentFirst(left: PlayInfo, right: PlayInfo): number {
  const leftCurrent = left.status === undefined || left.status === 'Normal' ? 0 : 1
  const rightCurrent = right.status === undefined || right.status === 'Normal' ? 0 : 1
  return (
    leftCurrent - rightCurrent ||
    (right.modificationTime ?? '').localeCompare(left.modificationTime ?? '')
  )
}

function describeSelector(selector: StreamSelector): string {
  return (
    [selector.definition, selector.format, selector.streamType].filter(Boolean).join(' ') ||
    'any stream'
  )
}

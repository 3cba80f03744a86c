import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import type { HlsOutput } from '../database/hls-segment-repository'
import type { FinishedOutput } from '../engine/job-transfer'
import type { Logger } from '../common/logger'
import { toFileError } from '../engine/part-file'
import { remuxToMp4 } from './ffmpeg-remux'
import { localPlaylistName, localPlaylistText, type LocalSegment } from './local-playlist'
import { outputStem, remuxFileName, segmentFileName } from './output-paths'
import { publishFolder, publishMp4 } from './output-publish'

export interface HlsPublishInput {
  jobId: number
  directory: string
  /** The job's file name (`<stem>.mp4` or `<stem>`). */
  fileName: string
  partsPath: string
  /** Every segment, committed, in playlist order. */
  segments: readonly LocalSegment[]
  output: HlsOutput
  /** ffmpeg's path, or undefined when it is not installed. */
  locateFfmpeg: () => string | undefined
  /** Remuxes the local playlist into an MP4 (ffmpeg in production). */
  remux?: (ffmpeg: string, playlistPath: string, outputPath: string) => Promise<void>
  log: Logger
  /** What was checked while downloading, for the log line. */
  checks: string[]
}

/**
 * Publishes a complete HLS download: writes the local playlist next to the segments, then either
 * remuxes them into `<stem>.mp4` with ffmpeg or turns the parts folder into the folder `<stem>/`.
 * An MP4 that cannot be made (ffmpeg missing or failing) falls back to the folder, which plays
 * offline just as well, with a warning that says why. Nothing existing is ever overwritten.
 */
export async function publishHlsOutput(input: HlsPublishInput): Promise<FinishedOutput> {
  const { directory, partsPath, log, jobId } = input
  const stem = outputStem(input.fileName)
  const keep = new Set([
    localPlaylistName,
    ...input.segments.map((s) => segmentFileName(s.sequence)),
  ])
  for (const name of keep) {
    if (name === localPlaylistName) continue
    // Never a hole: a segment that vanished since it was committed is fetched again on resume
    // (the job fails and keeps its bytes rather than starting the whole stream over).
    const present = await fs.access(join(partsPath, name)).then(
      () => true,
      () => false,
    )
    if (!present) {
      throw new AppError('NotFound', `segment ${name} is no longer in ${partsPath}; resume the job`)
    }
  }
  try {
    await fs.writeFile(join(partsPath, localPlaylistName), localPlaylistText(input.segments))
    // Leftovers of interrupted work (part files, a half-written remux) are not part of the output.
    for (const entry of await fs.readdir(partsPath)) {
      if (!keep.has(entry)) await fs.rm(join(partsPath, entry), { recursive: true, force: true })
    }
  } catch (error) {
    throw toFileError(error, partsPath)
  }
  const count = `${input.segments.length} segments`
  const ffmpeg = input.output === 'folder' ? undefined : input.locateFfmpeg()
  if (input.output === 'mp4' && ffmpeg === undefined) {
    const missing = new AppError(
      'ToolMissing',
      'ffmpeg was not found on the PATH, so the stream is saved as a folder with index.m3u8 instead of one .mp4',
    )
    log.warn(`job ${jobId}: ${missing.message}`)
  }
  if (ffmpeg !== undefined) {
    const remuxed = join(partsPath, remuxFileName)
    try {
      await (input.remux ?? remuxToMp4)(ffmpeg, join(partsPath, localPlaylistName), remuxed)
      const size = (await fs.stat(remuxed)).size
      const fileName = await publishMp4(directory, stem, remuxed)
      await fs.rm(partsPath, { recursive: true, force: true })
      return {
        fileName,
        totalBytes: size,
        checks: [count, ...input.checks, 'remuxed to MP4'].join(', '),
      }
    } catch (error) {
      const appError = error instanceof AppError ? error : toFileError(error, remuxed)
      if (appError.code === 'DiskFull') throw appError
      log.warn(
        `job ${jobId}: no MP4 (${appError.detail ?? appError.message}); saving the stream as a folder instead`,
      )
      await fs.rm(remuxed, { force: true }).catch(() => undefined)
    }
  }
  let size = 0
  for (const name of keep) size += (await fs.stat(join(partsPath, name))).size
  const fileName = await publishFolder(directory, stem, partsPath)
  return {
    fileName,
    totalBytes: size,
    checks: [count, ...input.checks, `folder with ${localPlaylistName}`].join(', '),
  }
}

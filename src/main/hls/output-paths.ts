import { resolveInside } from '../engine/file-name'

/**
 * Names of everything an HLS job writes. While it runs, its segments live in `<stem>.parts/`
 * next to where the output will be; the output is `<stem>.mp4` or the folder `<stem>/`.
 */

/** A finished HLS download: one remuxed `.mp4`, or a folder with the segments and a local playlist. */
export type OutputKind = 'mp4' | 'folder'

export const partsSuffix = '.parts'

/** The remuxed file while ffmpeg writes it, inside the parts folder. */
export const remuxFileName = 'remuxed.mp4'

/** The name without the playlist or output extension (`Title.SD.m3u8` → `Title.SD`). */
export function outputStem(fileName: string): string {
  const stem = fileName.replace(/\.(m3u8|m3u|mp4)$/i, '')
  return stem === '' ? fileName : stem
}

/** The job's file name for an output kind: the `.mp4` file or the folder. */
export function outputFileName(stem: string, kind: OutputKind): string {
  return kind === 'mp4' ? `${stem}.mp4` : stem
}

/**
 * The n-th alternative for a taken stem: `Title.SD` → `Title.SD (1)`. The number goes at the end
 * because a stem has no extension of its own (the dot in `Title.SD` is part of the name).
 */
export function numberedStem(stem: string, n: number): string {
  return n === 0 ? stem : `${stem} (${n})`
}

/** The folder that holds a job's segments while it downloads (`<stem>.parts`). */
export function partsFolderPath(directory: string, fileName: string): string {
  return resolveInside(directory, outputStem(fileName) + partsSuffix)
}

/** A committed segment: `<media sequence number>.ts`. */
export function segmentFileName(sequence: number): string {
  return `${sequence}.ts`
}

/** A segment being downloaded (encrypted bytes, when the stream is encrypted). */
export function segmentPartName(sequence: number): string {
  return `${segmentFileName(sequence)}.part`
}

/** A segment being decrypted, renamed to its final name once complete and flushed. */
export function segmentDecryptingName(sequence: number): string {
  return `${segmentFileName(sequence)}.decrypting`
}

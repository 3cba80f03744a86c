import { existsSync, mkdirSync, promises as fs, rmdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '../../shared/errors'
import { resolveInside } from '../engine/file-name'
import { publishPartFile } from '../engine/finalize'
import { toFileError } from '../engine/part-file'
import { numberedStem, outputFileName, partsSuffix, type OutputKind } from './output-paths'

/**
 * Picks the stem of a new HLS job's output and claims it: its output (the folder `<stem>`, or
 * `<stem>.mp4` and a plain download's `<stem>.mp4.part`) does not exist, no other job holds it,
 * and the job's `<stem>.parts` folder is created exclusively, which also keeps a second process
 * away from it. Synchronous, like the engine's own name claim, so two jobs starting at once
 * cannot pick the same stem.
 */
export function claimOutputStem(
  directory: string,
  desiredStem: string,
  kind: OutputKind,
  claim: (relativeName: string) => boolean,
): string {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const stem = numberedStem(desiredStem, attempt)
    const outputs = kind === 'mp4' ? [`${stem}.mp4`, `${stem}.mp4.part`] : [stem]
    const taken = outputs.some((name) => existsSync(resolveInside(directory, name)))
    if (taken) continue
    const parts = resolveInside(directory, stem + partsSuffix)
    try {
      mkdirSync(dirname(parts), { recursive: true })
      mkdirSync(parts)
    } catch (error) {
      if ((error as { code?: unknown }).code === 'EEXIST') continue
      throw toFileError(error, parts)
    }
    if (claim(outputFileName(stem, kind))) return stem
    rmdirSync(parts)
  }
  throw new AppError('Internal', `no free name for ${desiredStem}`)
}

/**
 * Turns the parts folder into the output folder `<stem>` (or `<stem> (n)`), never writing into
 * an existing folder: the name is claimed by creating it, then the parts folder takes its place
 * (or, where a rename cannot replace a folder, its files move over one by one).
 */
export async function publishFolder(
  directory: string,
  stem: string,
  partsPath: string,
): Promise<string> {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const name = numberedStem(stem, attempt)
    const target = resolveInside(directory, name)
    try {
      await fs.mkdir(target)
    } catch (error) {
      if ((error as { code?: unknown }).code === 'EEXIST') continue
      throw toFileError(error, target)
    }
    try {
      await fs.rename(partsPath, target)
    } catch {
      try {
        for (const entry of await fs.readdir(partsPath)) {
          await fs.rename(join(partsPath, entry), join(target, entry))
        }
        await fs.rm(partsPath, { recursive: true, force: true })
      } catch (error) {
        throw toFileError(error, target)
      }
    }
    return name
  }
  throw new AppError('Internal', `no free folder name for ${stem}`)
}

/** Publishes the remuxed file as `<stem>.mp4` (or `<stem> (n).mp4`) without overwriting. */
export function publishMp4(directory: string, stem: string, remuxedPath: string): Promise<string> {
  return publishPartFile(directory, outputFileName(stem, 'mp4'), remuxedPath)
}

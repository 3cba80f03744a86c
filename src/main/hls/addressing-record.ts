import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { isSegmentAddressing, type SegmentAddressing } from './segment-addressing'

/**
 * Remembers, per job, how its segments are addressed: a small file in the job's parts folder,
 * next to the segments it describes. It is written once, when an address first works (replaced
 * by a temporary file, flushed and renamed, so it is whole or absent), read when the job resumes
 * (so a resumed job does not probe again, in this process or another), and goes away with the
 * parts folder: a fresh start empties the folder, publishing keeps only the playlist and the
 * segments, canceling deletes it.
 *
 * Kept out of the job database on purpose: the database belongs to another module, and this fact
 * has exactly the lifetime of the parts folder.
 */

export const addressingFileName = 'segment-addressing.json'

interface AddressingFile {
  version: 1
  addressing: SegmentAddressing
}

/** The stored addressing, or undefined when none was stored (or the file is unreadable). */
export async function readAddressing(partsPath: string): Promise<SegmentAddressing | undefined> {
  let text: string
  try {
    text = await fs.readFile(join(partsPath, addressingFileName), 'utf8')
  } catch {
    return undefined
  }
  try {
    const parsed = JSON.parse(text) as Partial<AddressingFile>
    return parsed.version === 1 && isSegmentAddressing(parsed.addressing)
      ? parsed.addressing
      : undefined
  } catch {
    // A damaged record costs one probe, nothing more.
    return undefined
  }
}

/** Stores the addressing that works, durably (temporary file, flush, rename). */
export async function writeAddressing(
  partsPath: string,
  addressing: SegmentAddressing,
): Promise<void> {
  const path = join(partsPath, addressingFileName)
  const temporary = `${path}.tmp`
  const record: AddressingFile = { version: 1, addressing }
  const handle = await fs.open(temporary, 'w')
  try {
    await handle.writeFile(`${JSON.stringify(record)}\n`)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await fs.rename(temporary, path)
}

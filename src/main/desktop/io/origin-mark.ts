import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import type { DownloadOrigin, OriginMarkPlan } from '../policies/download-origin'
import { planOriginMark } from '../policies/download-origin'

/** The platform and the two kinds of write a mark needs, injected so tests can watch them. */
export interface OriginMarkIo {
  platform: NodeJS.Platform
  /** Writes a whole file (an NTFS alternate data stream is addressed as `file:stream`). */
  writeFile(path: string, content: string): Promise<void>
  /** Runs a program without a shell; rejects when it fails. */
  run(file: string, args: readonly string[]): Promise<void>
  now(): number
}

const execFileAsync = promisify(execFile)

/** How long one `xattr` may take before it counts as failed. */
const commandTimeoutMs = 10_000

/** The real platform, file system and process runner. */
export function createOriginMarkIo(platform: NodeJS.Platform = process.platform): OriginMarkIo {
  return {
    platform,
    writeFile: (path, content) => writeFile(path, content, 'utf8'),
    run: async (file, args) => {
      await execFileAsync(file, [...args], { timeout: commandTimeoutMs, windowsHide: true })
    },
    now: () => Date.now(),
  }
}

/**
 * Marks a finished file as downloaded from the internet (see policies/download-origin.ts) and
 * answers what it did. Rejects when the write fails (a FAT or exFAT drive has no alternate
 * streams, a network share may refuse extended attributes); callers log that and carry on.
 */
export async function markDownloadedFile(
  filePath: string,
  origin: DownloadOrigin,
  io: OriginMarkIo,
): Promise<OriginMarkPlan['kind']> {
  const plan = planOriginMark({ platform: io.platform, filePath, origin, now: io.now() })
  switch (plan.kind) {
    case 'zone-identifier':
      await io.writeFile(plan.streamPath, plan.content)
      break
    case 'xattr':
      for (const command of plan.commands) await io.run(command.file, command.args)
      break
    case 'none':
      break
  }
  return plan.kind
}

import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * Reads a small JSON file; `undefined` when it is missing or unreadable (a corrupt settings file
 * falls back to defaults instead of stopping the app from starting).
 */
export function readJsonFile(filePath: string): unknown {
  try {
    return JSON.parse(readFileSync(filePath, 'utf8')) as unknown
  } catch {
    return undefined
  }
}

/**
 * Writes a small file atomically: a temporary sibling, then a rename over the target, so a crash
 * or power loss mid-write leaves the old content rather than half a file. Synchronous on purpose:
 * these files are a few hundred bytes and are also written while quitting, when an async write
 * could be cut off by process exit.
 */
export function writeFileAtomic(filePath: string, data: string | Uint8Array, mode = 0o600): void {
  mkdirSync(path.dirname(filePath), { recursive: true })
  const temporary = `${filePath}.${process.pid}.tmp`
  try {
    writeFileSync(temporary, data, { mode, flush: true })
    renameSync(temporary, filePath)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}

/** `writeFileAtomic` without blocking the main process, for writes that need not survive exit. */
export async function writeFileAtomicAsync(
  filePath: string,
  data: string | Uint8Array,
  mode = 0o600,
): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true })
  const temporary = `${filePath}.${process.pid}.tmp`
  try {
    await writeFile(temporary, data, { mode, flush: true })
    await rename(temporary, filePath)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** `writeFileAtomic` for a JSON value, pretty-printed so a user can read it. */
export function writeJsonFile(filePath: string, value: unknown): void {
  writeFileAtomic(filePath, `${JSON.stringify(value, null, 2)}\n`)
}

import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { redactText } from '../../shared/redact'
import type { JobSnapshot } from '../../shared/jobs'
import { isLogFileName } from './log-folder'

/** What a diagnostics bundle says about the program and the machine. */
export interface BundleFacts {
  app: { name: string; version: string; process: string }
  /** Settings without secrets (the app keeps its secrets sealed outside the settings). */
  settings: unknown
  /** The saved account as the app shows it (masked key id), if any. */
  account?: unknown
  jobs: readonly JobSnapshot[]
}

/** The most of each log file a bundle takes (its end, where the latest events are). */
const maxLogBytesPerFile = 8 * 1024 * 1024

/**
 * A diagnostics bundle as zip bytes: `info.json` (app, version, OS, runtime), `settings.json`,
 * `jobs.json` (each job's state, sizes, attempts and last error, without its address) and the
 * diagnostic log files. Every entry passes the app's one redactor once more on the way in, so
 * even a line an older version wrote unredacted leaves no signature, key or token in the bundle.
 */
export async function buildDiagnosticsBundle(
  facts: BundleFacts,
  logFolder: string,
  now: Date = new Date(),
): Promise<Uint8Array> {
  const { zipSync, strToU8 } = await import('fflate')
  const { arch, platform, release, type, totalmem, freemem, cpus } = await import('node:os')
  const entries: Record<string, Uint8Array> = {}
  const add = (name: string, text: string): void => {
    entries[name] = strToU8(redactText(text))
  }
  add(
    'info.json',
    json({
      createdAt: now.toISOString(),
      app: facts.app,
      os: { type: type(), platform: platform(), release: release(), arch: arch() },
      runtime: { node: process.versions.node, electron: process.versions.electron ?? null },
      machine: {
        cpus: cpus().length,
        memoryBytes: totalmem(),
        freeMemoryBytes: freemem(),
      },
    }),
  )
  add('settings.json', json({ settings: facts.settings, account: facts.account ?? null }))
  add('jobs.json', json(facts.jobs.map(jobFacts)))
  for (const name of await logFileNames(logFolder)) {
    add(`logs/${name}`, await readTail(join(logFolder, name), maxLogBytesPerFile))
  }
  return zipSync(entries, { level: 6, mtime: now })
}

/** Writes the bundle to a new file (never over an existing one). */
export async function writeDiagnosticsBundle(path: string, bytes: Uint8Array): Promise<void> {
  await fs.writeFile(path, bytes, { flag: 'wx', mode: 0o600 })
}

/** A bundle's file name, e.g. `vod-downloader-diagnostics-2026-12-07T14-05-09.zip`. */
export function bundleFileName(now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/:/g, '-')
  return `vod-downloader-diagnostics-${stamp}.zip`
}

/** What a bundle says about a job: its state and numbers, not where it downloads from. */
function jobFacts(job: JobSnapshot): Record<string, unknown> {
  return {
    id: job.id,
    batchId: job.batchId,
    state: job.state,
    source: job.source.kind,
    fileName: job.fileName,
    totalBytes: job.totalBytes,
    doneBytes: job.doneBytes,
    connections: job.connections,
    attempts: job.attempts,
    error: job.error ? { code: job.error.code, message: job.error.message } : null,
    createdAt: new Date(job.createdAt).toISOString(),
    updatedAt: new Date(job.updatedAt).toISOString(),
    completedAt: job.completedAt === null ? null : new Date(job.completedAt).toISOString(),
  }
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

async function logFileNames(folder: string): Promise<string[]> {
  try {
    const names = await fs.readdir(folder)
    const number = (name: string): number => Number(/\.(\d+)\.log$/.exec(name)?.[1] ?? 0)
    return names.filter(isLogFileName).sort((a, b) => number(a) - number(b))
  } catch {
    return []
  }
}

async function readTail(path: string, limit: number): Promise<string> {
  const handle = await fs.open(path, 'r')
  try {
    const { size } = await handle.stat()
    const start = Math.max(0, size - limit)
    const buffer = Buffer.alloc(size - start)
    await handle.read(buffer, 0, buffer.length, start)
    const text = buffer.toString('utf8')
    // Start at a whole line when the head was cut.
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1)
  } finally {
    await handle.close()
  }
}

import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import Database from 'better-sqlite3'

/** The CLI as users start it. */
export const cliPath = resolve(import.meta.dirname, '../../bin/vod-dl.js')

export interface CliOutcome {
  code: number | null
  stdout: string
  stderr: string
}

export interface CliProcess {
  child: ChildProcess
  done: Promise<CliOutcome>
}

/** Spawns `vod-dl` with arguments, collecting its output. */
export function startCli(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): CliProcess {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const done = new Promise<CliOutcome>((resolvePromise) => {
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }))
  })
  return { child, done }
}

/**
 * The progress a job has committed, read from its database the way another process would.
 * 0 while the database or its schema does not exist yet.
 */
export function committedBytes(databasePath: string, jobId = 1): number {
  if (!existsSync(databasePath)) return 0
  const reader = new Database(databasePath, { readonly: true })
  try {
    const row = reader.prepare('SELECT done_bytes FROM jobs WHERE id = ?').get(jobId) as
      { done_bytes: number } | undefined
    return row?.done_bytes ?? 0
  } catch {
    return 0 // the other process is still creating the schema
  } finally {
    reader.close()
  }
}

/** Polls a condition until it holds (a deadline turns a hang into a clear failure). */
export async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 25))
  }
}

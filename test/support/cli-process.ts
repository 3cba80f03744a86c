import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, promises as fs } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
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

export interface CliSandbox {
  /** This test's own folder (a fresh one for every test). */
  readonly root: string
  /** Starts vod-dl with the sandbox as its working folder; killed after the test if still running. */
  start(args: string[], env: NodeJS.ProcessEnv): CliProcess
}

/**
 * Gives every test of the file a fresh folder and cleans up after it: any vod-dl still running
 * is killed and the folder removed. Call it at the top of a test file.
 */
export function useCliSandbox(prefix: string): CliSandbox {
  let root = ''
  const children: ChildProcess[] = []
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), prefix))
  })
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL')
    await fs.rm(root, { recursive: true, force: true })
  })
  return {
    get root() {
      return root
    },
    start(args, env) {
      const started = startCli(args, { cwd: root, env })
      children.push(started.child)
      return started
    },
  }
}

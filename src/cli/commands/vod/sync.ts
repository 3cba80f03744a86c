import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { AppError } from '../../../shared/errors'
import type { VodMediaType } from '../../../shared/vod'
import { defaultBackupTemplate } from '../../../main/backup/backup-layout'
import { runBackup } from '../../../main/backup/backup-run'
import { verifiedChecksums } from '../../../main/backup/engine-downloads'
import type { BackupRequest, BackupScope } from '../../../main/backup/backup-request'
import type { BackupDownloads, BackupProgress } from '../../../main/backup/run-context'
import { openBackupManifest } from '../../../main/database/backup-manifest-repository'
import { maxConnectionsPerJob } from '../../../main/engine/job-manager'
import type { EngineRuntime } from '../../../main/runtime/engine-runtime'
import type { JobSnapshot } from '../../../shared/jobs'
import type { VodLogger } from '../../../main/vod/logger'
import { parsePositiveInteger, UsageError } from '../../arguments'
import type { CliContext } from '../../context'
import { openDownloadRuntime } from '../../download-jobs'
import { runInForeground } from '../../run-jobs'
import { authTimeoutFrom, vodClientFrom, vodResolverFrom } from './connection'
import { connectionOptions } from './connection-options'
import { hlsSettingsFrom } from './get'
import { parseOutputType } from './options'
import { keepHeapNearLiveSize } from './sync-heap'
import { printSyncReport } from './sync-report'

const allTypes: readonly VodMediaType[] = ['video', 'audio', 'image']

/** `--type video,audio` (repeatable); every type by default: a library backup means all of it. */
function mediaTypesFrom(values: readonly string[] | undefined): VodMediaType[] {
  if (!values || values.length === 0) return [...allTypes]
  const types = values.flatMap((value) => value.split(',')).map((value) => value.trim())
  for (const type of types) {
    if (!allTypes.includes(type as VodMediaType)) {
      throw new UsageError('--type must be video, audio or image (or several, comma-separated)')
    }
  }
  return allTypes.filter((type) => types.includes(type))
}

function scopeFrom(values: { match?: string; category?: string; all?: boolean }): BackupScope {
  const chosen = [values.match, values.category, values.all ? 'all' : undefined].filter(
    (value) => value !== undefined,
  )
  if (chosen.length > 1) throw new UsageError('give one of --match, --category and --all')
  if (values.match !== undefined) {
    if (values.match.trim() === '') throw new UsageError('--match needs a filter expression')
    return { kind: 'match', match: values.match }
  }
  if (values.category !== undefined) {
    if (!/^\d+$/.test(values.category)) throw new UsageError('--category needs a category id')
    return { kind: 'category', categoryId: Number(values.category) }
  }
  return { kind: 'all' }
}

function sinceFrom(text: string | undefined): string | null {
  if (text === undefined) return null
  const time = Date.parse(text)
  if (Number.isNaN(time))
    throw new UsageError(`--since needs a date such as 2026-01-31 (got "${text}")`)
  return new Date(time).toISOString()
}

/** Counts the API calls the client makes (answered calls and retried attempts). */
function callCounter(): { observer: VodLogger; count: () => number } {
  let calls = 0
  return {
    observer: {
      debug: (message) => {
        if (message === 'vod call') calls += 1
      },
      warn: (message) => {
        if (message.startsWith('vod call')) calls += 1
      },
    },
    count: () => calls,
  }
}

/**
 * Files run by one engine of this process at a time. A foreground engine looks at each of its
 * jobs once a second (to notice other processes' work on them); a slice keeps that constant
 * however large the backup.
 */
const runSlice = 2_000

/**
 * The engine as the backup run uses it: jobs are added to the data folder's job database and
 * run here, in the foreground, a slice at a time (each slice an engine of its own, opened with
 * `open`).
 */
function foregroundDownloads(
  runtime: EngineRuntime,
  open: () => EngineRuntime,
  context: CliContext,
): BackupDownloads {
  const { manager } = runtime
  const ended = (job: JobSnapshot): boolean =>
    job.state === 'completed' ||
    job.state === 'failed' ||
    job.state === 'canceled' ||
    job.state === 'paused'
  return {
    add: (jobs, label) => manager.addMany(jobs, jobs.length > 1 ? label : undefined),
    get: (id) => manager.get(id),
    checksums: (id) => verifiedChecksums(runtime.jobs, id),
    retry: (id) => manager.retry(id),
    relocate: (id, directory, fileName) => manager.relocate(id, directory, fileName),
    // The manifest records the file: a large backup does not leave a job per file behind.
    forget: (ids) => {
      for (const id of ids) manager.remove(id)
    },
    async run(ids, onEnded) {
      const reported = new Set<number>()
      // Finishing a file moves and records it: one at a time, in the order they end.
      let chain: Promise<void> = Promise.resolve()
      for (let start = 0; start < ids.length; start += runSlice) {
        const slice = ids.slice(start, start + runSlice)
        const wanted = new Set(slice)
        const engine = open()
        const report = (job: JobSnapshot): void => {
          if (!wanted.has(job.id) || reported.has(job.id) || !ended(job)) return
          reported.add(job.id)
          chain = chain.then(() => onEnded(job))
        }
        const subscription = engine.manager.events.on('state', report)
        let paused = false
        try {
          if (ids.length > runSlice) {
            context.stderr.write(
              `files ${start + 1}–${start + slice.length} of ${ids.length.toLocaleString('en-US')}\n`,
            )
          }
          await runInForeground(engine.manager, slice, context)
          for (const id of slice) {
            const job = engine.manager.get(id)
            if (job) report(job)
            // Ctrl-C pauses the slice; the next run continues with it and the rest.
            if (job?.state === 'paused') paused = true
          }
          await chain
        } finally {
          subscription.dispose()
          await engine.close()
        }
        if (paused) break
      }
      await chain
    },
  }
}

/** One line per phase, and a count every two seconds while a phase lasts. */
function progressPrinter(context: CliContext): (progress: BackupProgress) => void {
  let phase = ''
  let printedAt = 0
  return (progress) => {
    const now = Date.now()
    if (progress.phase === phase && now - printedAt < 2_000) return
    const changed = progress.phase !== phase
    phase = progress.phase
    printedAt = now
    const line: Record<string, string> = {
      listing: `listing the library: ${progress.listed.toLocaleString('en-US')} items`,
      resolving: `listing the files of new and changed items: ${progress.resolved.toLocaleString('en-US')} done`,
      deletions: 'looking for items deleted in VOD',
      planned: 'plan ready',
      applying: 'moving renamed items',
      downloading: `downloading ${progress.downloads.toLocaleString('en-US')} files`,
      done: 'done',
    }
    if (changed || progress.phase === 'listing' || progress.phase === 'resolving') {
      context.stderr.write(`${line[progress.phase] ?? progress.phase}\n`)
    }
  }
}

/**
 * `vod-dl vod sync -o DIR`: keeps a folder in sync with the library (or a category or a search):
 * new items and new versions are downloaded, renamed ones moved, deleted ones reported (and with
 * `--delete` moved to a trash folder). The plan and its progress are kept in the folder's
 * manifest, so a killed sync continues when run again.
 */
export async function vodSyncCommand(argv: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...connectionOptions,
      output: { type: 'string', short: 'o' },
      type: { type: 'string', multiple: true },
      match: { type: 'string' },
      category: { type: 'string' },
      all: { type: 'boolean' },
      file: { type: 'string', multiple: true },
      definition: { type: 'string' },
      format: { type: 'string' },
      template: { type: 'string' },
      since: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      verify: { type: 'boolean' },
      delete: { type: 'boolean' },
      'output-type': { type: 'string', default: 'cdn' },
      connections: { type: 'string', short: 'c' },
      jobs: { type: 'string', short: 'j' },
      limit: { type: 'string' },
      'hls-output': { type: 'string' },
      'hls-token': { type: 'string' },
      home: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
    },
  })
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`)
  if (values.output === undefined) throw new UsageError('vod sync needs the backup folder: -o DIR')
  const files = (values.file ?? ['source', 'image']).flatMap((word) => word.split(','))
  const request: BackupRequest = {
    mediaTypes: mediaTypesFrom(values.type),
    scope: scopeFrom(values),
    since: sinceFrom(values.since),
    files: files.map((word) => word.trim()).filter((word) => word !== ''),
    definition: values.definition ?? null,
    format: values.format ?? null,
    outputType: parseOutputType(values['output-type']),
    authTimeout: values['auth-timeout'] === undefined ? null : authTimeoutFrom(values),
    template: values.template ?? defaultBackupTemplate,
    verify: values.verify ?? false,
    deleteGone: values.delete ?? false,
  }
  const connections = parsePositiveInteger(
    values.connections,
    '--connections',
    maxConnectionsPerJob,
  )
  const concurrentJobs = parsePositiveInteger(values.jobs, '--jobs', 256)
  const hls = hlsSettingsFrom(values['hls-output'], values['hls-token'], context)
  const dryRun = values['dry-run'] ?? false
  const folder = resolve(context.workingDirectory, values.output)
  mkdirSync(folder, { recursive: true })
  keepHeapNearLiveSize()

  const calls = callCounter()
  const client = vodClientFrom(values, context, undefined, calls.observer)
  const manifest = openBackupManifest(folder)
  let runtime: EngineRuntime | undefined
  const controller = new AbortController()
  const removeInterrupt = context.onInterrupt(() => controller.abort())
  try {
    const openEngine = (): EngineRuntime =>
      openDownloadRuntime(
        {
          home: values.home,
          verbose: values.verbose ?? false,
          concurrentJobs,
          limit: values.limit,
          resolvers: [vodResolverFrom(client, values)],
          hls,
        },
        context,
      )
    const downloads: BackupDownloads = dryRun
      ? refusingDownloads()
      : foregroundDownloads((runtime = openEngine()), openEngine, context)
    const report = await runBackup(
      {
        client,
        manifest,
        downloads,
        now: Date.now,
        onProgress: progressPrinter(context),
        apiCalls: calls.count,
        signal: controller.signal,
      },
      { folder, request, dryRun, ...(connections === undefined ? {} : { connections }) },
    )
    if (report.continued) context.stderr.write('continued the unfinished sync of this folder\n')
    if (values.json) {
      context.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    } else {
      printSyncReport(context.stdout, report)
    }
    const unfinished = report.outcome !== null && report.outcome.pending > 0
    return report.failures.length > 0 || unfinished ? 1 : 0
  } catch (error) {
    if (error instanceof AppError && error.code === 'Canceled') {
      context.stderr.write('Stopped. Run the same command again to continue where it stopped.\n')
      return 1
    }
    throw error
  } finally {
    removeInterrupt()
    manifest.close()
    await runtime?.close()
  }
}

/** A dry run downloads nothing; reaching the engine would be a bug. */
function refusingDownloads(): BackupDownloads {
  const refuse = (): never => {
    throw new AppError('Internal', 'a dry run does not download')
  }
  return {
    add: refuse,
    get: () => undefined,
    checksums: () => ({ md5: null, crc64: null }),
    retry: refuse,
    relocate: refuse,
    forget: refuse,
    run: refuse,
  }
}

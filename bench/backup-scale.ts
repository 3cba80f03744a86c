/**
 * The library-backup scenario of `npm run bench`: `vod-dl vod sync` of a VOD emulator library of
 * `count` generated videos (1 KiB synthetic source masters, so that the figure is about the
 * plan and the bookkeeping rather than the disk), once into an empty folder and once more with
 * nothing changed. Planning (listing and comparing with the manifest) and its peak memory come
 * from the run's own report; wall time and the process's peak RSS from outside.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { BackupReport } from '../src/main/backup/backup-report'
import { startEmulator } from '../src/emulator'

export interface SyncMeasure {
  seconds: number
  peakRssMiB: number
  exitCode: number | null
  report: BackupReport | undefined
}

/** Runs `vod-dl vod sync … --json`, timing it and sampling its peak RSS (VmHWM) from /proc. */
function measureSync(cli: string, args: string[], env: NodeJS.ProcessEnv): Promise<SyncMeasure> {
  return new Promise((resolveMeasure) => {
    const started = process.hrtime.bigint()
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)))
    let peak = 0
    const sampler = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
        const match = /VmHWM:\s+(\d+) kB/.exec(status)
        if (match) peak = Math.max(peak, Number(match[1]) / 1024)
      } catch {
        // The process is gone.
      }
    }, 50)
    child.on('exit', (code) => {
      clearInterval(sampler)
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      if (code !== 0) process.stderr.write(`vod sync exited ${code}: ${stderr}\n`)
      let report: BackupReport | undefined
      try {
        report = JSON.parse(stdout) as BackupReport
      } catch {
        report = undefined
      }
      resolveMeasure({ seconds, peakRssMiB: peak, exitCode: code, report })
    })
  })
}

export interface BackupScaleResult {
  count: number
  first: SyncMeasure
  again: SyncMeasure
  emulatorStartSeconds: number
}

export async function backupScale(
  cli: string,
  folders: { target: string; home: string },
  count: number,
): Promise<BackupScaleResult> {
  const startedAt = Date.now()
  // Small demo masters too: the scenario is about the 100,000 items, not three 300 MiB files.
  const emulator = await startEmulator({
    extraVideos: count,
    extraVideoBytes: 1024,
    largeSourceBytes: 1024 * 1024,
  })
  const emulatorStartSeconds = (Date.now() - startedAt) / 1000
  try {
    const env = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKeySecret,
      VOD_ENDPOINT: emulator.endpoint,
      VOD_DL_HOME: folders.home,
    }
    const args = ['vod', 'sync', '-o', folders.target, '--type', 'video', '--json', '-j', '16']
    const first = await measureSync(cli, args, env)
    const again = await measureSync(cli, args, env)
    return { count, first, again, emulatorStartSeconds }
  } finally {
    await emulator.close()
  }
}

/** The scenario's table for the benchmark's output (and the README). */
export function describeBackupScale(result: BackupScaleResult): string[] {
  const { first, again, count } = result
  const planning = (first.report?.timings.planningMs ?? NaN) / 1000
  const planningRss = first.report?.timings.planningPeakRssMiB ?? NaN
  const files = first.report?.outcome?.downloaded ?? 0
  const rate = files / ((first.report?.timings.applyingMs ?? NaN) / 1000)
  const seconds = (milliseconds: number | undefined): string =>
    `${((milliseconds ?? NaN) / 1000).toFixed(1)} s`
  const met = (value: boolean): string => (value ? 'yes' : '**no**')
  return [
    `Library backup: \`vod-dl vod sync --type video\` of ${count.toLocaleString('en-US')} generated videos (+ the demo library), 1 KiB masters`,
    '',
    '| Run | measured | target | met |',
    '|---|---|---|---|',
    `| first run, planning (listing + diff against the manifest) | ${planning.toFixed(1)} s, peak RSS ${planningRss} MiB | ≤ 60 s, ≤ 200 MiB | ${met(planning <= 60 && planningRss <= 200)} |`,
    `| first run, listing the files of the new items | ${seconds(first.report?.timings.resolvingMs)} | | |`,
    `| first run, downloading ${files.toLocaleString('en-US')} files and recording them | ${seconds(first.report?.timings.applyingMs)} (${rate.toFixed(0)} files/s) | | |`,
    `| first run, whole command | ${first.seconds.toFixed(1)} s, peak RSS ${first.peakRssMiB.toFixed(0)} MiB, ${first.report?.apiCalls ?? '?'} API calls | ≤ 200 MiB | ${met(first.peakRssMiB <= 200)} |`,
    `| no-change run, whole command | ${again.seconds.toFixed(1)} s, peak RSS ${again.peakRssMiB.toFixed(0)} MiB, ${again.report?.apiCalls ?? '?'} API calls, ${again.report?.download.files ?? '?'} files to download | ≤ 30 s, 0 bytes | ${met(again.seconds <= 30 && again.report?.download.files === 0)} |`,
    '',
    `The emulator (in the benchmark's process) took ${result.emulatorStartSeconds.toFixed(1)} s to generate its library.`,
  ]
}

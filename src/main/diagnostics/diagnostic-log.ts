import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger as PinoLogger } from 'pino'
import type { LogFields, Logger } from '../common/logger'
import {
  logFileBase,
  logFileExtension,
  logFileMaxBytes,
  logFilesKept,
  logFolderOf,
} from './log-folder'
import { levelEnabled, type LogLevel } from './log-level'
import { logRecordOf } from './log-record'

/** Which program wrote a line: several share one data folder, and so one log. */
export type LogProcess = 'cli' | 'host' | 'desktop'

export interface DiagnosticLogOptions {
  dataFolder: string
  process: LogProcess
  level: LogLevel
  /** Overrides for tests. */
  maxFileBytes?: number
  filesKept?: number
}

interface PendingLine {
  level: LogLevel
  time: number
  message: string
  fields: LogFields
}

/**
 * The diagnostic log: one JSON line per event (time, level, process, pid, component, job id,
 * request id, message) in `<data folder>/logs/vod-downloader.<n>.log`, a new file every 5 MiB
 * and the 4 before it kept. Written with pino through pino-roll, which continues the highest
 * numbered file, so the desktop app, the headless host and `vod-dl` commands append to the same
 * files. Every message and field passes the app's one redactor first.
 *
 * The libraries are loaded on the first line at or above the level (a command that logs
 * nothing, such as `vod-dl jobs`, never loads them); lines written meanwhile wait in memory
 * and keep their time.
 */
export class DiagnosticLog {
  readonly folder: string
  private pino: PinoLogger | undefined
  private opening: Promise<void> | undefined
  private failed = false
  private pending: PendingLine[] = []
  /** The time of the line being written, for pino's timestamp function. */
  private stamp: number | undefined
  private closeStream: (() => Promise<void>) | undefined

  constructor(private readonly options: DiagnosticLogOptions) {
    this.folder = logFolderOf(options.dataFolder)
  }

  get level(): LogLevel {
    return this.options.level
  }

  write(level: LogLevel, component: string, message: string, fields?: LogFields): void {
    if (this.failed || !levelEnabled(level, this.options.level)) return
    const record = logRecordOf(component, message, fields)
    const line = { level, time: Date.now(), message: record.message, fields: record.fields }
    if (this.pino) {
      this.emit(this.pino, line)
      return
    }
    this.pending.push(line)
    this.opening ??= this.open()
  }

  /** An engine Logger that writes here as `component`. */
  logger(component: string): Logger {
    return {
      debug: (message, fields) => this.write('debug', component, message, fields),
      info: (message, fields) => this.write('info', component, message, fields),
      warn: (message, fields) => this.write('warn', component, message, fields),
      error: (message, fields) => this.write('error', component, message, fields),
    }
  }

  /** Waits until every line so far is on disk. */
  async flush(): Promise<void> {
    await this.opening
    const pino = this.pino
    if (!pino) return
    await new Promise<void>((resolve) => pino.flush(() => resolve()))
  }

  /** Flushes and closes the file; lines written after this are dropped. */
  async close(): Promise<void> {
    await this.flush()
    this.failed = true
    await this.closeStream?.()
  }

  private async open(): Promise<void> {
    try {
      mkdirSync(this.folder, { recursive: true, mode: 0o700 })
      const [{ default: pino }, { default: roll }] = await Promise.all([
        import('pino'),
        import('pino-roll'),
      ])
      const stream = await roll({
        file: join(this.folder, logFileBase),
        extension: logFileExtension,
        size: `${Math.max(1, Math.round((this.options.maxFileBytes ?? logFileMaxBytes) / 1024))}k`,
        limit: { count: this.options.filesKept ?? logFilesKept, removeOtherLogFiles: true },
        mkdir: true,
      })
      const logger = pino(
        {
          level: this.options.level,
          base: { process: this.options.process, pid: process.pid },
          messageKey: 'message',
          timestamp: () => `,"time":"${new Date(this.stamp ?? Date.now()).toISOString()}"`,
          formatters: { level: (label) => ({ level: label }) },
        },
        stream,
      )
      this.closeStream = () =>
        new Promise<void>((resolve) => {
          stream.once('close', () => resolve())
          stream.end()
        })
      for (const line of this.pending) this.emit(logger, line)
      this.pending = []
      this.pino = logger
    } catch (error) {
      // The log is a help, never a reason to stop: a read-only data folder leaves it off.
      this.failed = true
      this.pending = []
      process.emitWarning(`diagnostic log disabled: ${String(error)}`)
    }
  }

  private emit(logger: PinoLogger, line: PendingLine): void {
    this.stamp = line.time
    try {
      logger[line.level](line.fields, line.message)
    } finally {
      this.stamp = undefined
    }
  }
}

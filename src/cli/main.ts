import { AppError } from '../shared/errors'
import { DiagnosticLog } from '../main/diagnostics/diagnostic-log'
import { logLevelFrom } from '../main/diagnostics/log-level'
import { asUsageError } from './arguments'
import type { CliContext } from './context'
import { dataFolder, homeOfArguments } from './home'
import { cliNetwork, takeProxyOption } from './network'
import { usage } from './usage'

type Command = (argv: string[], context: CliContext) => Promise<number>

/**
 * Each command is loaded when it runs: a short command (`vod-dl jobs`) then never parses the
 * modules only the others need (the VOD SDK, the HTTP stack), which is most of a cold start.
 */
const commands: Record<string, () => Promise<Command>> = {
  get: async () => (await import('./commands/get')).getCommand,
  import: async () => (await import('./commands/import')).importCommand,
  jobs: async () => (await import('./commands/jobs')).jobsCommand,
  resume: async () => (await import('./commands/resume')).resumeCommand,
  vod: async () => (await import('./commands/vod')).vodCommand,
  diagnostics: async () => (await import('./commands/diagnostics')).diagnosticsCommand,
}

/** Runs one CLI invocation and returns its exit status (0 done, 1 job failed, 2 usage). */
export async function runCli(argv: string[], context: CliContext): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(usage)
    return name === undefined ? 2 : 0
  }
  const loadCommand = commands[name]
  if (!loadCommand) {
    context.stderr.write(`vod-dl: unknown command "${name}"\nRun "vod-dl --help" for usage.\n`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    context.stdout.write(usage)
    return 0
  }
  let diagnostics: DiagnosticLog | undefined
  let network: ReturnType<typeof cliNetwork> | undefined
  try {
    const options = takeProxyOption(rest)
    network = cliNetwork(options.proxy, context.environment)
    const verbose = options.argv.includes('--verbose') || options.argv.includes('-v')
    const level = logLevelFrom(context.environment, verbose)
    if (level.problem) context.stderr.write(`warning: ${level.problem}\n`)
    diagnostics = new DiagnosticLog({
      dataFolder: dataFolder(homeOfArguments(options.argv), context),
      process: 'cli',
      level: level.level,
    })
    const command = await loadCommand()
    return await command(options.argv, { ...context, network, diagnostics })
  } catch (error) {
    const usageProblem = asUsageError(error)
    if (usageProblem) {
      context.stderr.write(`vod-dl: ${usageProblem.message}\nRun "vod-dl --help" for usage.\n`)
      return 2
    }
    context.stderr.write(`vod-dl: ${describeFailure(error)}\n`)
    diagnostics?.write('error', 'cli', `vod-dl ${name}: ${describeFailure(error)}`)
    return 1
  } finally {
    network?.close()
    await diagnostics?.close()
  }
}

/** One line a person can act on, for a failure that is not a usage mistake. */
export function describeFailure(error: unknown): string {
  if (error instanceof AppError) return error.message
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED')) {
    return new AppError('DatabaseBusy').message
  }
  return error instanceof Error ? error.message : String(error)
}

/**
 * The last line of defence: a promise nobody awaited that rejects, or an exception from a
 * callback, is reported in words and ends the process with status 1 (not Node's stack trace,
 * and never a silent hang or status 13). Jobs stay in the database with their bytes; the
 * next run, or the app, resumes them.
 */
export function installCrashHandlers(stderr: CliContext['stderr']): void {
  const report = (error: unknown): void => {
    stderr.write(`\nvod-dl: internal error: ${describeFailure(error)}\n`)
    if (error instanceof Error && error.stack && process.env.VOD_DL_DEBUG) {
      stderr.write(`${error.stack}\n`)
    }
    stderr.write('The downloads are kept; continue with: vod-dl resume --all\n')
    process.exit(1)
  }
  process.on('unhandledRejection', report)
  process.on('uncaughtException', report)
}

function processContext(): CliContext {
  return {
    environment: process.env,
    workingDirectory: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    onInterrupt(handler) {
      process.on('SIGINT', handler)
      process.on('SIGTERM', handler)
      return () => {
        process.off('SIGINT', handler)
        process.off('SIGTERM', handler)
      }
    },
  }
}

/** Entry point when run as a program. */
export async function main(): Promise<void> {
  const context = processContext()
  installCrashHandlers(context.stderr)
  process.exitCode = await runCli(process.argv.slice(2), context)
}

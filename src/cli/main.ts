import { AppError } from '../shared/errors'
import { asUsageError, UsageError } from './arguments'
import { getCommand } from './commands/get'
import { importCommand } from './commands/import'
import { jobsCommand } from './commands/jobs'
import { resumeCommand } from './commands/resume'
import { vodCommand } from './commands/vod'
import type { CliContext } from './context'
import { usage } from './usage'

type Command = (argv: string[], context: CliContext) => Promise<number>

const commands: Record<string, Command> = {
  get: getCommand,
  import: importCommand,
  jobs: jobsCommand,
  resume: resumeCommand,
  vod: vodCommand,
}

/** Runs one CLI invocation and returns its exit status (0 done, 1 job failed, 2 usage). */
export async function runCli(argv: string[], context: CliContext): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(usage)
    return name === undefined ? 2 : 0
  }
  const command = commands[name]
  if (!command) {
    context.stderr.write(`vod-dl: unknown command "${name}"\nRun "vod-dl --help" for usage.\n`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    context.stdout.write(usage)
    return 0
  }
  try {
    return await command(rest, context)
  } catch (error) {
    const problem = error instanceof AppError ? error : asUsageError(error)
    if (problem instanceof UsageError) {
      context.stderr.write(`vod-dl: ${problem.message}\nRun "vod-dl --help" for usage.\n`)
      return 2
    }
    context.stderr.write(`vod-dl: ${problem.message}\n`)
    return 1
  }
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
  process.exitCode = await runCli(process.argv.slice(2), processContext())
}

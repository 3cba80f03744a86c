import { resolve } from 'node:path'
import { defaultDataFolder } from '../main/runtime/data-folder'
import { redactingLogger, teeLogger, type Logger } from '../main/common/logger'
import type { CliContext } from './context'

/** The data folder: --home, else VOD_DL_HOME, else the desktop app's data folder. */
export function dataFolder(home: string | undefined, context: CliContext): string {
  const chosen = home ?? context.environment.VOD_DL_HOME
  return chosen ? resolve(context.workingDirectory, chosen) : defaultDataFolder(context.environment)
}

/**
 * Warnings always reach stderr (e.g. "server ignores Range"); details only with --verbose. Every
 * line passes the redactor first: no signature, key id or token reaches the terminal.
 */
export function cliLogger(context: CliContext, verbose: boolean): Logger {
  const terminal = terminalLogger(context, verbose)
  // The diagnostic log keeps every line, whatever the terminal shows.
  return context.diagnostics ? teeLogger(terminal, context.diagnostics.logger('engine')) : terminal
}

function terminalLogger(context: CliContext, verbose: boolean): Logger {
  // On a terminal, wipe the progress line first; it is redrawn on the next update.
  const prefix = context.stderr.isTTY ? '\r\u001b[2K' : ''
  const write = (text: string): void => {
    context.stderr.write(`${prefix}${text}\n`)
  }
  return redactingLogger({
    info: (message) => {
      if (verbose) write(message)
    },
    warn: (message) => write(`warning: ${message}`),
    error: (message) => write(`error: ${message}`),
  })
}

/**
 * The data folder a command line names, read before the command parses it (`--home DIR` or
 * `--home=DIR`), so the diagnostic log opens in the folder the command will use.
 */
export function homeOfArguments(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!
    if (argument === '--') break
    if (argument === '--home') return argv[index + 1]
    if (argument.startsWith('--home=')) return argument.slice('--home='.length)
  }
  return undefined
}

import type { DiagnosticLog } from '../main/diagnostics/diagnostic-log'
import type { CliNetwork } from './network'
import type { DisplayStream } from './progress-display'

/** What a command may touch of the outside world; passed in so commands stay testable. */
export interface CliContext {
  environment: NodeJS.ProcessEnv
  workingDirectory: string
  stdout: DisplayStream
  stderr: DisplayStream
  /** Installs a Ctrl-C handler and returns its remover. */
  onInterrupt(handler: () => void): () => void
  /** The proxy of this run (`--proxy`, the `*_PROXY` variables); `runCli` fills it. */
  network?: CliNetwork
  /** The diagnostic log in the run's data folder; `runCli` fills it. */
  diagnostics?: DiagnosticLog
}

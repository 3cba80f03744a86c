import type { DisplayStream } from './progress-display'

/** What a command may touch of the outside world; passed in so commands stay testable. */
export interface CliContext {
  environment: NodeJS.ProcessEnv
  workingDirectory: string
  stdout: DisplayStream
  stderr: DisplayStream
  /** Installs a Ctrl-C handler and returns its remover. */
  onInterrupt(handler: () => void): () => void
}

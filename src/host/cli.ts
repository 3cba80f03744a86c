// `npm run headless -- [--port N] [--demo] [--home DIR] [--host-only-print]`: the app without a
// desktop. Starts the host, prints the address, and stops cleanly on SIGINT or SIGTERM.
// First: widens the file system thread pool before anything starts it (as the CLI and the
// desktop app do), so the small-file lane flushes many files at once here too.
import '../main/runtime/thread-pool'
import { fileURLToPath } from 'node:url'
import { startFromCommandLine } from './main'

async function main(): Promise<void> {
  const started = await startFromCommandLine(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    environment: process.env,
    workingDirectory: process.cwd(),
    rendererDirectory: fileURLToPath(new URL('../../out/renderer', import.meta.url)),
    packageJsonPath: fileURLToPath(new URL('../../package.json', import.meta.url)),
  })
  if (started.kind === 'exit') {
    process.exitCode = started.exitCode
    return
  }
  const { host } = started
  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second signal while closing: stop waiting. Jobs resume from their last checkpoint.
      process.exit(1)
    }
    stopping = true
    process.stderr.write(`\nReceived ${signal}; saving download progress and stopping…\n`)
    host.close().then(
      () => {
        process.stderr.write('Stopped.\n')
        process.exit(0)
      },
      (error: unknown) => {
        process.stderr.write(`Stopping failed: ${String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

// A promise nobody awaited that rejects, or an exception from a callback, is reported and ends
// the host with status 1 rather than a stack trace or a silent half-dead server. Jobs keep their
// bytes in the database and resume on the next start.
const reportCrash = (error: unknown): void => {
  process.stderr.write(
    `The headless host stopped after an internal error: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exit(1)
}
process.on('unhandledRejection', reportCrash)
process.on('uncaughtException', reportCrash)

main().catch((error: unknown) => {
  process.stderr.write(
    `The headless host could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exitCode = 1
})

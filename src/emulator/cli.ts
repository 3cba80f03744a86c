import { parseCliArguments, startBanner, usage } from './cli-options'
import { startEmulator } from './index'

/**
 * `npm run emulator [-- --port 8790 --url-lifetime 60 --extra-videos 0]`: starts the emulator in
 * the foreground and stops it cleanly on SIGINT or SIGTERM.
 */
async function main(): Promise<void> {
  let command
  try {
    command = parseCliArguments(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`)
    process.exitCode = 2
    return
  }
  if (command.kind === 'help') {
    process.stdout.write(`${usage}\n`)
    return
  }
  const emulator = await startEmulator(command.options)
  process.stdout.write(`${startBanner(emulator)}\n`)
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal while closing: give up waiting for open connections.
      process.exit(1)
    }
    stopping = true
    process.stdout.write(`\nReceived ${signal}, stopping…\n`)
    emulator.close().then(
      () => process.stdout.write('Stopped.\n'),
      (error: unknown) => {
        process.stderr.write(`Stopping failed: ${String(error)}\n`)
        process.exitCode = 1
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The emulator could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exitCode = 1
})

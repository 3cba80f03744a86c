import { parseArgs } from 'node:util'
import { startFixtureServer, type FixtureFile } from './fixture-server'

/**
 * Runs the fixture server as its own process, for tests that kill or crash the downloader and for
 * benchmarks that must not share an event loop with the engine they measure.
 *
 *   tsx test/support/fixture-server-cli.ts --file /big.bin:1073741824 --file /small.bin:65536:seed=7
 *     [--files-dir-count /small/:2000:65536] [--rate-per-connection 8388608] [--crc64] [--port N]
 *
 * Prints one line of JSON, {"origin":"http://127.0.0.1:PORT"}, once listening, and runs until
 * SIGTERM or SIGINT, then closes every socket and exits 0. Bad arguments exit 2.
 */

const usage =
  'usage: fixture-server-cli --file PATH:SIZE[:seed=N] ... [--files-dir-count PREFIX:COUNT:SIZE] ' +
  '[--rate-per-connection BYTES] [--crc64] [--port N]'

/** Parses a non-negative integer argument or throws with the argument's name. */
function integer(text: string | undefined, name: string): number {
  const value = text !== undefined && /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(value)) throw new Error(`${name}: expected a non-negative integer`)
  return value
}

/** `PATH:SIZE[:seed=N]` */
function parseFile(spec: string): FixtureFile {
  const [path, size, ...options] = spec.split(':')
  if (path === undefined || !path.startsWith('/')) throw new Error(`--file ${spec}: bad path`)
  const file: FixtureFile = { path, size: integer(size, `--file ${spec} size`) }
  for (const option of options) {
    const [name, value] = option.split('=')
    if (name !== 'seed') throw new Error(`--file ${spec}: unknown option ${option}`)
    file.seed = integer(value, `--file ${spec} seed`)
  }
  return file
}

/** `PREFIX:COUNT:SIZE` → PREFIX0 … PREFIX(COUNT-1). */
function parseDirectory(spec: string): FixtureFile[] {
  const [prefix, count, size] = spec.split(':')
  if (prefix === undefined || !prefix.startsWith('/')) {
    throw new Error(`--files-dir-count ${spec}: bad prefix`)
  }
  const fileCount = integer(count, `--files-dir-count ${spec} count`)
  const fileSize = integer(size, `--files-dir-count ${spec} size`)
  return Array.from({ length: fileCount }, (_, index) => ({
    path: `${prefix}${index}`,
    size: fileSize,
  }))
}

function parseCommandLine(): { files: FixtureFile[]; port: number } {
  const { values } = parseArgs({
    options: {
      file: { type: 'string', multiple: true, default: [] },
      'files-dir-count': { type: 'string', multiple: true, default: [] },
      'rate-per-connection': { type: 'string' },
      crc64: { type: 'boolean', default: false },
      port: { type: 'string' },
    },
    strict: true,
  })
  const files = [
    ...values.file.map(parseFile),
    ...values['files-dir-count'].flatMap(parseDirectory),
  ]
  if (files.length === 0) throw new Error('no files: pass --file or --files-dir-count')
  const rateText = values['rate-per-connection']
  const rate = rateText === undefined ? undefined : integer(rateText, '--rate-per-connection')
  for (const file of files) {
    if (rate !== undefined) file.faults = { bytesPerSecondPerConnection: rate }
    if (values.crc64) file.crc64Header = true
  }
  const port = values.port === undefined ? 0 : integer(values.port, '--port')
  return { files, port }
}

async function main(): Promise<void> {
  let configuration: { files: FixtureFile[]; port: number }
  try {
    configuration = parseCommandLine()
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`)
    process.exitCode = 2
    return
  }
  const server = await startFixtureServer(configuration.files, { port: configuration.port })
  const shutdown = (): void => {
    // With the server closed nothing keeps the event loop alive, so the process exits by itself.
    server.close().then(
      () => (process.exitCode = 0),
      (error: unknown) => {
        process.stderr.write(`close failed: ${String(error)}\n`)
        process.exitCode = 1
      },
    )
  }
  process.once('SIGTERM', shutdown)
  process.once('SIGINT', shutdown)
  process.stdout.write(`${JSON.stringify({ origin: server.origin })}\n`)
}

await main()

import { parseArgs } from 'node:util'

/** What `npm run headless -- …` asked for. */
export interface HostOptions {
  /** 0 picks a free port. */
  port: number
  demo: boolean
  /** The data folder (job database, secret key); undefined for the default. */
  home: string | undefined
  /** Print only the address to open (for scripts), nothing else on stdout. */
  printUrlOnly: boolean
  /** Write the access token to this file (mode 0600) instead of printing it in the address. */
  tokenFile: string | undefined
  help: boolean
}

/** `--help` text. */
export const hostUsage = `Usage: npm run headless -- [options]

Runs VOD Downloader without a desktop: the engine in this process and the UI in a browser
on this machine.

Options:
  --port N            port on 127.0.0.1 (default: a free one)
  --demo              start the local VOD emulator's demo library and connect to it
  --home DIR          data folder (job database and secret key)
  --host-only-print   print only the address to open, for scripts
  --token-file PATH   write the access token to PATH (readable only by you) instead of
                      printing it in the address
  -h, --help          this text
`

/** Parses the command line; throws a RangeError with a sentence for bad input. */
export function parseHostOptions(argv: readonly string[]): HostOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      demo: { type: 'boolean', default: false },
      home: { type: 'string' },
      'host-only-print': { type: 'boolean', default: false },
      'token-file': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  })
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535 || !/^\d+$/.test(values.port ?? '0')) {
    throw new RangeError(`--port must be a number from 0 to 65535, not "${values.port ?? ''}"`)
  }
  if (values.home !== undefined && values.home.trim() === '') {
    throw new RangeError('--home needs a folder')
  }
  if (values['token-file'] !== undefined && values['token-file'].trim() === '') {
    throw new RangeError('--token-file needs a file name')
  }
  return {
    port,
    demo: values.demo,
    home: values.home,
    printUrlOnly: values['host-only-print'],
    tokenFile: values['token-file'],
    help: values.help,
  }
}

import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { redactingLogger, type Logger } from '../main/common/logger'
import { defaultDataFolder, defaultDownloadFolder, productName } from '../main/runtime/data-folder'
import { rendererMissingMessage, startBanner } from './banner'
import { startHeadlessHost, type HeadlessHost } from './headless-host'
import { hostUsage, parseHostOptions, type HostOptions } from './options'

/** The process around the host: its streams, environment and where the build lives. */
export interface HostContext {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
  environment: Readonly<Record<string, string | undefined>>
  workingDirectory: string
  /** The built renderer (out/renderer of this checkout). */
  rendererDirectory: string
  /** package.json of this checkout, for the version. */
  packageJsonPath: string
}

/** A running host, or the exit status when the command line ends without one. */
export type HostStart = { kind: 'running'; host: HeadlessHost } | { kind: 'exit'; exitCode: number }

/**
 * The data folder: `--home`, else `VOD_DL_HOME` (as the CLI reads it, so both share their jobs),
 * else the desktop app's. The demo keeps its own folder unless told otherwise, so demo credentials
 * never replace a real saved account.
 */
export function hostDataFolder(options: HostOptions, context: HostContext): string {
  if (options.home !== undefined) return resolve(context.workingDirectory, options.home)
  if (options.demo)
    return join(dirname(defaultDataFolder(context.environment)), `${productName} Demo`)
  const fromEnvironment = context.environment.VOD_DL_HOME
  return fromEnvironment
    ? resolve(context.workingDirectory, fromEnvironment)
    : defaultDataFolder(context.environment)
}

/** The host's log on stderr; every line passes the redactor first. */
function hostLogger(context: HostContext, quiet: boolean): Logger {
  return redactingLogger({
    info: (message) => {
      if (!quiet) context.stderr.write(`${message}\n`)
    },
    warn: (message) => context.stderr.write(`warning: ${message}\n`),
    error: (message) => context.stderr.write(`error: ${message}\n`),
  })
}

function readVersion(packageJsonPath: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version?: unknown }
    return typeof parsed.version === 'string' ? parsed.version : undefined
  } catch {
    return undefined
  }
}

/** Parses the command line and starts the host, or says why it does not. */
export async function startFromCommandLine(
  argv: readonly string[],
  context: HostContext,
): Promise<HostStart> {
  let options: HostOptions
  try {
    options = parseHostOptions(argv)
  } catch (error) {
    context.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n\n${hostUsage}`,
    )
    return { kind: 'exit', exitCode: 2 }
  }
  if (options.help) {
    context.stdout.write(hostUsage)
    return { kind: 'exit', exitCode: 0 }
  }
  if (!existsSync(join(context.rendererDirectory, 'index.html'))) {
    context.stderr.write(`${rendererMissingMessage(context.rendererDirectory)}\n`)
    return { kind: 'exit', exitCode: 1 }
  }
  const dataFolder = hostDataFolder(options, context)
  const downloadFolder = options.demo ? `${defaultDownloadFolder()} Demo` : defaultDownloadFolder()
  const log = hostLogger(context, options.printUrlOnly)
  const version = readVersion(context.packageJsonPath)
  const tokenFile =
    options.tokenFile === undefined
      ? undefined
      : resolve(context.workingDirectory, options.tokenFile)
  const host = await startHeadlessHost({
    dataFolder,
    downloadFolder,
    rendererDirectory: context.rendererDirectory,
    port: options.port,
    demo: options.demo,
    environment: context.environment,
    log,
    ...(version === undefined ? {} : { version }),
    ...(tokenFile === undefined ? {} : { tokenFile }),
  })
  // With --token-file the token stays out of the output: the address is printed without it.
  const address = tokenFile === undefined ? host.url : `${host.server.origin}/`
  if (options.printUrlOnly) {
    context.stdout.write(`${address}\n`)
  } else {
    context.stdout.write(
      `${startBanner({
        url: address,
        ...(tokenFile === undefined ? {} : { tokenFile }),
        port: host.server.port,
        dataFolder,
        downloadFolder: host.runtime.settings.current().downloadDirectory,
        secrets: host.secretsDescription,
        demoEndpoint: host.emulator?.endpoint,
        demoAccessKeyId: host.emulator?.accessKeyId,
      })}\n`,
    )
  }
  return { kind: 'running', host }
}

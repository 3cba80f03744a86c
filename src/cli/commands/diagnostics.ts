import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createDefaultSettings, readStoredSettings } from '../../shared/settings'
import { buildDiagnosticsBundle, writeDiagnosticsBundle } from '../../main/diagnostics/bundle'
import { logFolderOf } from '../../main/diagnostics/log-folder'
import { createEngineRuntime } from '../../main/runtime/engine-runtime'
import { defaultDownloadFolder, productName } from '../../main/runtime/data-folder'
import { settingsKey } from '../../main/services/settings-service'
import { UsageError } from '../arguments'
import type { CliContext } from '../context'
import { cliLogger, dataFolder } from '../home'

/**
 * `vod-dl diagnostics -o FILE`: a zip to attach to a bug report, made from the data folder: the
 * diagnostic logs, versions and OS, the settings (which hold no secret) and every job's state.
 * Everything in it has passed the redactor; it is written as a new file, never over one.
 */
export async function diagnosticsCommand(argv: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      output: { type: 'string', short: 'o' },
      home: { type: 'string' },
    },
  })
  if (!values.output) throw new UsageError('give the file to write with -o FILE (a .zip)')
  const output = resolve(context.workingDirectory, values.output)
  const folder = dataFolder(values.home, context)
  const runtime = createEngineRuntime({ dataFolder: folder, log: cliLogger(context, false) })
  try {
    const settings = readStoredSettings(
      runtime.settings.get(settingsKey),
      createDefaultSettings(defaultDownloadFolder()),
    )
    const jobs = runtime.manager.list().sort((first, second) => first.id - second.id)
    await context.diagnostics?.flush()
    const bytes = await buildDiagnosticsBundle(
      {
        app: { name: productName, version: packageVersion(), process: 'cli' },
        settings,
        jobs,
      },
      logFolderOf(folder),
    )
    await writeDiagnosticsBundle(output, bytes)
    context.stdout.write(`${output}\n`)
    return 0
  } finally {
    await runtime.close()
  }
}

/** The version in the package.json beside the sources or the bundle, if it can be found. */
function packageVersion(): string {
  for (const candidate of ['../../../package.json', '../../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as {
        name?: unknown
        version?: unknown
      }
      if (parsed.name === 'vod-downloader' && typeof parsed.version === 'string') {
        return parsed.version
      }
    } catch {
      // Not there; try the next place.
    }
  }
  return 'unknown'
}

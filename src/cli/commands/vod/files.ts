import { parseArgs } from 'node:util'
import { formatErrorMessage } from '../../../shared/errors'
import { formatBytes } from '../../../shared/format'
import type { VodMediaType } from '../../../shared/vod'
import { mediaFiles } from '../../../main/lists/media-files'
import { UsageError } from '../../arguments'
import type { CliContext } from '../../context'
import { printTable } from '../../table'
import { connectionOptions, vodClientFrom } from './connection'
import { describeUnavailable, parseOutputType } from './options'

/**
 * `vod-dl vod files <mediaId> [--json]`: everything downloadable for one media item, and the
 * parts that cannot be listed now with why (a video still transcoding has its source only).
 */
export async function vodFilesCommand(argv: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...connectionOptions,
      json: { type: 'boolean' },
      type: { type: 'string' },
      'output-type': { type: 'string', default: 'cdn' },
    },
  })
  if (positionals.length !== 1) throw new UsageError('give one media id')
  const client = vodClientFrom(values, context)
  const media = await mediaFiles(
    client,
    positionals[0] as string,
    values.type as VodMediaType | undefined,
    parseOutputType(values['output-type']),
  )
  if (values.json) {
    context.stdout.write(`${JSON.stringify(media, null, 2)}\n`)
    return 0
  }
  const status = media.status && media.status !== 'Normal' ? ` — status ${media.status}` : ''
  // An archived source says its class and restore state: it is skipped until restored.
  const source = media.files.find((file) => file.kind === 'source')
  const storage =
    source?.storageClass && source.storageClass !== 'Standard'
      ? ` — storage ${source.storageClass}${source.restoreStatus ? `, restore ${source.restoreStatus}${source.restoreExpiration ? ` until ${source.restoreExpiration}` : ''}` : ''}`
      : ''
  context.stdout.write(`${media.title} (${media.mediaId})${status}${storage}\n`)
  printTable(
    context.stdout,
    ['KIND', 'FILE', 'SIZE', 'ENCRYPTION', 'DOWNLOAD', 'NAME'],
    media.files.map((file) => [
      file.kind,
      file.label,
      formatBytes(file.size),
      file.encryption,
      file.downloadable
        ? file.addressType.toUpperCase()
        : `no: ${file.reason ? formatErrorMessage(file.reason, undefined, 'en') : ''}`,
      file.suggestedName,
    ]),
  )
  for (const line of describeUnavailable(media.unavailable, 'not available now')) {
    context.stdout.write(`${line}\n`)
  }
  return 0
}

import { parseArgs } from 'node:util'
import { formatErrorMessage } from '../../../shared/errors'
import { formatBytes } from '../../../shared/format'
import type { VodMediaType } from '../../../shared/vod'
import { mediaFiles } from '../../../main/lists/media-files'
import type { DownloadableFile } from '../../../main/vod/downloadable-files'
import { parseUrlExpiry } from '../../../main/vod/url-lease'
import { UsageError } from '../../arguments'
import type { CliContext } from '../../context'
import { printTable } from '../../table'
import { authTimeoutFrom, vodClientFrom } from './connection'
import { connectionOptions } from './connection-options'
import { describeUnavailable, parseOutputType, parsePlayDomain } from './options'

/**
 * `vod-dl vod files <mediaId> [--json] [--urls]`: everything downloadable for one media item,
 * and the parts that cannot be listed now with why (a video still transcoding has its source
 * only). `--urls` adds each file's signed address and when it expires, like the console's
 * "copy address", with a warning that anyone holding one can download the file.
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
      'play-domain': { type: 'string' },
      urls: { type: 'boolean' },
    },
  })
  if (positionals.length !== 1) throw new UsageError('give one media id')
  const playDomain = parsePlayDomain(values['play-domain'])
  const client = vodClientFrom(values, context)
  const media = await mediaFiles(
    client,
    positionals[0] as string,
    values.type as VodMediaType | undefined,
    parseOutputType(values['output-type']),
    {
      ...(playDomain ? { playDomain } : {}),
      // The lifetime the addresses are signed with, so their expiry is known.
      ...(values.urls ? { authTimeout: authTimeoutFrom(values) } : {}),
    },
  )
  const listedAt = Date.now()
  const addresses = values.urls ? media.files.map((file) => addressOf(file, listedAt)) : []
  if (values.json) {
    // Signed addresses are printed only when asked for.
    const files = media.files.map((file, index) => {
      const { url: _url, urlAuthTimeout: _lifetime, identity: _identity, ...listed } = file
      const address = addresses[index]
      return address ? { ...listed, url: address.url, expiresAt: address.expiresAt } : listed
    })
    context.stdout.write(`${JSON.stringify({ ...media, files }, null, 2)}\n`)
    if (values.urls) warnSigned(context)
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
  if (values.urls) {
    context.stdout.write('\n')
    printTable(
      context.stdout,
      ['FILE', 'EXPIRES', 'URL'],
      media.files.map((file, index) => {
        const address = addresses[index]
        return [file.label, address?.expiresAt ?? 'unknown', address?.url ?? '']
      }),
    )
    warnSigned(context)
  }
  return 0
}

/** A file's listed address and its expiry (ISO 8601 UTC; null when the address does not tell). */
function addressOf(
  file: DownloadableFile,
  listedAt: number,
): { url: string; expiresAt: string | null } | undefined {
  if (!file.url) return undefined
  const { expiresAt } = parseUrlExpiry(file.url, {
    ...(file.urlAuthTimeout === undefined
      ? {}
      : { requestedAuthTimeoutSeconds: file.urlAuthTimeout }),
    issuedAt: listedAt,
  })
  return {
    url: file.url,
    expiresAt: expiresAt === undefined ? null : new Date(expiresAt).toISOString(),
  }
}

function warnSigned(context: CliContext): void {
  context.stderr.write(
    'warning: these addresses are signed: anyone who has one can download the file until it expires\n',
  )
}

import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { AppError, formatErrorMessage } from '../../../shared/errors'
import {
  isColdArchive,
  maximumRestoreDays,
  type RestoreOptions,
  type VodFileKind,
  type VodMediaType,
} from '../../../shared/vod'
import { sanitizeFileName } from '../../../main/engine/file-name'
import { maxConnectionsPerJob, type NewJob } from '../../../main/engine/job-manager'
import type { HlsSettings } from '../../../main/hls/hls-kind'
import { mediaFilesOfMany } from '../../../main/lists/media-files'
import { selectFiles } from '../../../main/lists/select-files'
import { parsePositiveInteger, UsageError } from '../../arguments'
import type { CliContext } from '../../context'
import { downloadInForeground } from '../../download-jobs'
import { authTimeoutFrom, vodClientFrom, vodResolverFrom } from './connection'
import { connectionOptions } from './connection-options'
import {
  describeUnavailable,
  fileChoices,
  parseOutputType,
  parsePlayDomain,
  restoreOptionsFrom,
} from './options'

/**
 * `--hls-output folder|mp4` (default: an MP4 when ffmpeg is installed) and the MtsHlsUriToken
 * for encrypted HLS, from `--hls-token` or, kept out of the process list, `VOD_DL_HLS_TOKEN`.
 */
export function hlsSettingsFrom(
  output: string | undefined,
  token: string | undefined,
  context: CliContext,
): Partial<HlsSettings> {
  if (output !== undefined && output !== 'folder' && output !== 'mp4') {
    throw new UsageError('--hls-output must be folder or mp4')
  }
  const chosenToken = token ?? context.environment.VOD_DL_HLS_TOKEN
  return {
    ...(output === undefined ? {} : { output: () => output }),
    ...(chosenToken ? { mtsHlsUriToken: () => chosenToken } : {}),
  }
}

/** `Cold Archive, tier Standard, readable for 1 day` for the progress line. */
function describeRestore(
  storageClass: string | undefined,
  restore: RestoreOptions | undefined,
): string {
  if (!restore) return ''
  const days = Math.min(restore.days, maximumRestoreDays(storageClass))
  const tier = isColdArchive(storageClass) ? `tier ${restore.tier}, ` : ''
  return `${tier}readable for ${days} day${days === 1 ? '' : 's'}; billed as data retrieval`
}

/** What an item gives without `--file`: its source master, or the image itself. */
const defaultKinds: readonly VodFileKind[] = ['source', 'image']

/**
 * `vod-dl vod get <mediaId>...`: enqueues persisted jobs whose source is the file reference (so a
 * later `resume` renews URLs through the API, even after a restart) and runs them.
 */
export async function vodGetCommand(argv: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...connectionOptions,
      file: { type: 'string' },
      definition: { type: 'string' },
      format: { type: 'string' },
      type: { type: 'string' },
      'output-type': { type: 'string', default: 'cdn' },
      output: { type: 'string', short: 'o' },
      connections: { type: 'string', short: 'c' },
      jobs: { type: 'string', short: 'j' },
      limit: { type: 'string' },
      'hls-output': { type: 'string' },
      'hls-token': { type: 'string' },
      'play-domain': { type: 'string' },
      restore: { type: 'boolean' },
      'restore-tier': { type: 'string' },
      'restore-days': { type: 'string' },
      home: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
    },
  })
  if (positionals.length === 0) throw new UsageError('give at least one media id')
  if (values.file !== undefined && !(values.file in fileChoices)) {
    throw new UsageError(`--file must be one of ${Object.keys(fileChoices).join(', ')}`)
  }
  const outputType = parseOutputType(values['output-type'])
  const authTimeout = authTimeoutFrom(values)
  const connections = parsePositiveInteger(
    values.connections,
    '--connections',
    maxConnectionsPerJob,
  )
  const concurrentJobs = parsePositiveInteger(values.jobs, '--jobs', 256)
  const hls = hlsSettingsFrom(values['hls-output'], values['hls-token'], context)
  const restore = restoreOptionsFrom(values)
  const playDomain = parsePlayDomain(values['play-domain'])
  const directory = resolve(context.workingDirectory, values.output ?? '.')
  const client = vodClientFrom(values, context)
  const resolver = vodResolverFrom(client, values)

  const jobs: NewJob[] = []
  let status = 0
  // Without --file an item gives its source, or the image itself: ask only for those.
  const kinds = values.file === undefined ? defaultKinds : (fileChoices[values.file] ?? [])
  const listings = mediaFilesOfMany(
    client,
    positionals,
    values.type as VodMediaType | undefined,
    outputType,
    {
      kinds,
      everything: values.file === 'all',
      ...(playDomain ? { playDomain } : {}),
      // Listed with the jobs' own lifetime, so each job can start on the address it was
      // listed with: one API call per item instead of two.
      authTimeout,
    },
  )
  for await (const outcome of listings) {
    const { mediaId } = outcome
    if (outcome.kind !== 'listed') {
      const error = outcome.kind === 'missing' ? new AppError('NotFound') : outcome.error
      context.stderr.write(`${mediaId}: ${error.message}\n`)
      status = 1
      continue
    }
    const { media } = outcome
    const choice = values.file ?? (media.mediaType === 'image' ? 'image' : 'source')
    const { selected, refused } = selectFiles(media.files, {
      kinds: fileChoices[choice] ?? [],
      ...(values.definition ? { definition: values.definition } : {}),
      ...(values.format ? { format: values.format } : {}),
      everything: choice === 'all',
    })
    // An archived source is restored first with --restore, and skipped with why without it.
    const restoring = restore ? refused.filter(({ file }) => file.restorable === true) : []
    for (const { file, reason } of refused) {
      if (restoring.some((entry) => entry.file === file)) continue
      context.stderr.write(
        `${mediaId} ${file.label}: ${formatErrorMessage(reason, undefined, 'en')}${file.storageClass ? ` (${file.storageClass}${file.restoreStatus ? `, restore ${file.restoreStatus}` : ''})` : ''}\n`,
      )
      status = 1
    }
    for (const { file } of restoring) {
      context.stderr.write(
        `${mediaId} ${file.label}: ${file.storageClass ?? 'archived'}; restoring first (${describeRestore(file.storageClass, restore)}), then downloading\n`,
      )
    }
    // A part that cannot be listed now (still transcoding, no snapshot job) is skipped with
    // its reason; the rest of the item, and every other item, still downloads.
    for (const line of describeUnavailable(media.unavailable)) {
      context.stderr.write(`${mediaId} ${line}\n`)
    }
    const wanted = [...selected, ...restoring.map(({ file }) => file)]
    if (selected.length === 0 && refused.length === 0) {
      context.stderr.write(
        `${mediaId}: nothing to download for --file ${choice}${values.definition ? ` --definition ${values.definition}` : ''}${values.format ? ` --format ${values.format}` : ''}${media.status && media.status !== 'Normal' ? ` (status ${media.status})` : ''}\n`,
      )
      status = 1
    }
    // Several files of one item go into a folder named after its title.
    const folder = wanted.length > 1 ? `${sanitizeFileName(media.title, mediaId)}/` : ''
    for (const file of wanted) {
      const restoreFirst = restore && file.restorable ? { restore } : {}
      const reference = {
        ...file.reference,
        outputType,
        authTimeout,
        ...restoreFirst,
        // A resumed job renews its address on the domain it started on.
        ...(playDomain && file.kind === 'rendition' ? { playDomain } : {}),
      }
      // A file readable now starts on its listed address; one to restore asks again later.
      if (file.url && file.downloadable) {
        resolver.offerListedAddress(reference, {
          url: file.url,
          outputType,
          ...(file.urlAuthTimeout === undefined ? {} : { authTimeout: file.urlAuthTimeout }),
          ...(file.identity ? { identity: file.identity } : {}),
          ...(playDomain && file.kind === 'rendition' ? { playDomain } : {}),
        })
      }
      jobs.push({
        source: { kind: 'vod', reference },
        directory,
        fileName: `${folder}${file.suggestedName}`,
        ...(connections === undefined ? {} : { connections }),
        expected: {
          ...(file.size === undefined ? {} : { size: file.size }),
          ...(file.md5 ? { md5: file.md5 } : {}),
          ...(file.crc64 ? { crc64: file.crc64 } : {}),
        },
      })
    }
  }
  if (jobs.length === 0) return status || 1

  const result = await downloadInForeground(
    jobs,
    {
      home: values.home,
      verbose: values.verbose ?? false,
      concurrentJobs,
      limit: values.limit,
      resolvers: [resolver],
      hls,
      batchLabel: (count) => `${count} VOD files`,
    },
    context,
  )
  return Math.max(result, status)
}

import { AppError } from '../../shared/errors'
import type { AddressType, VodFileKind } from '../../shared/vod'
import type { SnapshotType } from '../vod/actions/list-snapshots'
import {
  chooseAuthTimeoutSeconds,
  withAllowedAuthTimeout,
  type SigningAction,
} from '../vod/auth-timeout'
import type { CallOptions, VodClient } from '../vod/client'
import { VodServiceError } from '../vod/errors'
import {
  coverRow,
  failedRow,
  imageRows,
  renditionRows,
  snapshotRows,
  sourceRow,
  type ExportItem,
  type ExportRow,
} from './export-rows'
import { applicableKinds, defaultFileChoice, type FileChoice } from './file-choices'
import { endsTheRun } from './list-errors'
import { mapInOrder } from './ordered-pool'

/** The calls an export makes; the real VodClient has them. */
export type AddressApi = Pick<
  VodClient,
  'getMezzanineInfo' | 'getPlayInfo' | 'getImageInfos' | 'listSnapshots'
>

export interface AddressExportRequest {
  /** Which files; each item's default (source, or the image) when absent. */
  choice?: FileChoice
  /** Renditions only. */
  definition?: string
  format?: string
  outputType: AddressType
  /** AuthTimeout to ask for; kept within each action's limits. */
  authTimeoutSeconds: number
  /** CDN domain for stream addresses (GetPlayInfo's PlayConfig.PlayDomain); the default when absent. */
  playDomain?: string
  /** API calls (or GetImageInfos batches) in flight at once. */
  concurrency: number
}

export interface AddressExportDependencies {
  client: AddressApi
  /** Epoch ms, to tell the expiry of addresses signed relative to their issue. */
  now: () => number
  signal?: AbortSignal
}

/** GetImageInfos takes 20 ids per call. */
const imageBatchSize = 20

const snapshotTypeOfKind: Partial<Record<VodFileKind, SnapshotType>> = {
  snapshot: 'NormalSnapshot',
  sprite: 'SpriteSnapshot',
  'sprite-origin': 'SpriteOriginSnapshot',
  webvtt: 'WebVttSnapshot',
}

/** Work for one slot of the pool: one video/audio item, or up to 20 images in one call. */
type Unit = { kind: 'playable'; item: ExportItem } | { kind: 'images'; items: ExportItem[] }

/**
 * The addresses of the chosen files of each item, one array of rows per item, in the order of
 * the items. Each item costs one call per kind of file asked for (GetMezzanineInfo for the
 * source, one GetPlayInfo with ResultType=Multiple for every rendition, ListSnapshots per
 * snapshot type; covers come with the item); images cost one GetImageInfos per 20. A file
 * without an address becomes a row with the reason; only errors about the whole run (see
 * `endsTheRun`) are thrown.
 */
export async function* exportAddresses(
  items: AsyncIterable<ExportItem> | Iterable<ExportItem>,
  request: AddressExportRequest,
  dependencies: AddressExportDependencies,
): AsyncGenerator<ExportRow[], void, undefined> {
  const work = (unit: Unit): Promise<ExportRow[][]> =>
    unit.kind === 'playable'
      ? playableRows(unit.item, request, dependencies).then((rows) => [rows])
      : imageBatchRows(unit.items, request, dependencies)
  for await (const perItem of mapInOrder(units(items), request.concurrency, work)) {
    yield* perItem
  }
}

/** Groups consecutive images into batches of 20; every other item is a unit of its own. */
async function* units(
  items: AsyncIterable<ExportItem> | Iterable<ExportItem>,
): AsyncGenerator<Unit, void, undefined> {
  let images: ExportItem[] = []
  for await (const item of items) {
    if (item.mediaType === 'image' && !item.missing) {
      images.push(item)
      if (images.length === imageBatchSize) {
        yield { kind: 'images', items: images }
        images = []
      }
      continue
    }
    if (images.length > 0) {
      yield { kind: 'images', items: images }
      images = []
    }
    yield { kind: 'playable', item }
  }
  if (images.length > 0) yield { kind: 'images', items: images }
}

/** The chosen kinds for an item, or why none applies. */
function kindsFor(
  item: ExportItem,
  request: AddressExportRequest,
): { kinds: readonly VodFileKind[] } | { row: ExportRow } {
  const choice = request.choice ?? defaultFileChoice(item.mediaType)
  const kinds = applicableKinds(choice, item.mediaType)
  const firstKind = choice.kinds[0] ?? 'source'
  if (item.missing) {
    return { row: failedRow(item, kinds[0] ?? firstKind, new AppError('NotFound', item.mediaId)) }
  }
  if (kinds.length === 0) {
    return {
      row: failedRow(
        item,
        firstKind,
        new AppError('Unsupported', `--file ${choice.word} does not apply to ${item.mediaType}`),
      ),
    }
  }
  return { kinds }
}

async function playableRows(
  item: ExportItem,
  request: AddressExportRequest,
  dependencies: AddressExportDependencies,
): Promise<ExportRow[]> {
  const chosen = kindsFor(item, request)
  if ('row' in chosen) return [chosen.row]
  const rows: ExportRow[] = []
  for (const kind of chosen.kinds) {
    try {
      rows.push(...(await kindRows(item, kind, request, dependencies)))
    } catch (error) {
      if (endsTheRun(error)) throw error
      rows.push(failedRow(item, kind, error as AppError, renditionSelector(kind, request)))
    }
  }
  if (rows.length === 0) {
    const word = (request.choice ?? defaultFileChoice(item.mediaType)).word
    rows.push(
      failedRow(item, chosen.kinds[0] as VodFileKind, new AppError('NotFound', `no ${word} files`)),
    )
  }
  return rows
}

async function kindRows(
  item: ExportItem,
  kind: VodFileKind,
  request: AddressExportRequest,
  dependencies: AddressExportDependencies,
): Promise<ExportRow[]> {
  const { client } = dependencies
  const options: CallOptions = dependencies.signal ? { signal: dependencies.signal } : {}
  switch (kind) {
    case 'source': {
      // A source in a bucket of the account's own may refuse a long lifetime: the row then
      // carries the allowed maximum.
      const { value: mezzanine, authTimeout } = await withAllowedAuthTimeout(
        lifetime('GetMezzanineInfo', request),
        (lifetimeSeconds) =>
          client.getMezzanineInfo(
            { videoId: item.mediaId, outputType: request.outputType, authTimeout: lifetimeSeconds },
            options,
          ),
      )
      return [sourceRow(item, mezzanine, { issuedAt: dependencies.now(), authTimeout })]
    }
    case 'rendition': {
      const { value: reply, authTimeout } = await withAllowedAuthTimeout(
        lifetime('GetPlayInfo', request),
        (lifetimeSeconds) =>
          client.getPlayInfo(
            {
              videoId: item.mediaId,
              resultType: 'Multiple',
              outputType: request.outputType,
              authTimeout: lifetimeSeconds,
              ...(request.definition ? { definitions: [request.definition] } : {}),
              ...(request.format ? { formats: [request.format] } : {}),
              ...(request.playDomain ? { playConfig: { playDomain: request.playDomain } } : {}),
            },
            options,
          ),
      )
      const titled = { ...item, title: item.title ?? reply.videoBase?.title }
      return renditionRows(titled, reply.playInfos, renditionSelector(kind, request), {
        issuedAt: dependencies.now(),
        authTimeout,
      })
    }
    case 'cover':
      return [coverRow(item, { issuedAt: dependencies.now() })]
    case 'snapshot':
    case 'sprite':
    case 'sprite-origin':
    case 'webvtt': {
      const authTimeout = lifetime('ListSnapshots', request)
      try {
        const list = await client.listSnapshots(
          {
            videoId: item.mediaId,
            snapshotType: snapshotTypeOfKind[kind] as SnapshotType,
            authTimeout,
          },
          options,
        )
        return snapshotRows(item, kind, list, { issuedAt: dependencies.now(), authTimeout })
      } catch (error) {
        // A type without a snapshot job answers NoSuchResource: there are none, nothing failed.
        if (error instanceof VodServiceError && error.serverCode === 'NoSuchResource') return []
        throw error
      }
    }
    case 'image':
    case 'image-original':
      // Images come in batches (imageBatchRows); a video has none.
      return []
  }
}

async function imageBatchRows(
  items: readonly ExportItem[],
  request: AddressExportRequest,
  dependencies: AddressExportDependencies,
): Promise<ExportRow[][]> {
  let authTimeout = lifetime('GetImageInfo', request)
  const options: CallOptions = dependencies.signal ? { signal: dependencies.signal } : {}
  const chosen = items.map((item) => kindsFor(item, request))
  const wanted = items.filter((_, position) => 'kinds' in (chosen[position] as object))
  let reply: Awaited<ReturnType<AddressApi['getImageInfos']>> | undefined
  let failure: AppError | undefined
  if (wanted.length > 0) {
    try {
      const granted = await withAllowedAuthTimeout(authTimeout, (lifetimeSeconds) =>
        dependencies.client.getImageInfos(
          {
            imageIds: wanted.map((item) => item.mediaId),
            outputType: request.outputType,
            authTimeout: lifetimeSeconds,
          },
          options,
        ),
      )
      reply = granted.value
      authTimeout = granted.authTimeout
    } catch (error) {
      if (endsTheRun(error)) throw error
      failure = error as AppError
    }
  }
  const issuedAt = dependencies.now()
  const images = new Map(reply?.images.map((image) => [image.imageId, image]))
  return items.map((item, position) => {
    const kinds = chosen[position] as ReturnType<typeof kindsFor>
    if ('row' in kinds) return [kinds.row]
    const image = images.get(item.mediaId)
    if (image) return imageRows(item, image, kinds.kinds, { issuedAt, authTimeout })
    const error = failure ?? new AppError('NotFound', item.mediaId)
    return kinds.kinds.map((kind) => failedRow(item, kind, error))
  })
}

/** The AuthTimeout for an action: as asked, within the action's limits. */
function lifetime(action: SigningAction, request: AddressExportRequest): number {
  return chooseAuthTimeoutSeconds({
    action,
    requested: request.authTimeoutSeconds,
    settings: { defaultAuthTimeoutSeconds: request.authTimeoutSeconds },
  })
}

function renditionSelector(
  kind: VodFileKind,
  request: AddressExportRequest,
): { definition?: string; format?: string } {
  if (kind !== 'rendition') return {}
  return {
    ...(request.definition ? { definition: request.definition } : {}),
    ...(request.format ? { format: request.format } : {}),
  }
}

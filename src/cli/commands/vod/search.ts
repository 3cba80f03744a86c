import { parseArgs } from 'node:util'
import { formatBytes } from '../../../shared/format'
import { parsePositiveInteger, UsageError } from '../../arguments'
import type { CliContext } from '../../context'
import { categoryMatch } from '../../../main/vod/category-tree'
import { categoryWithChildren } from './categories'
import { vodClientFrom } from './connection'
import { connectionOptions } from './connection-options'
import { joinMatch } from './options'
import { printTable } from '../../table'

const mediaTypes = ['video', 'audio', 'image'] as const
type MediaType = (typeof mediaTypes)[number]

/**
 * `vod-dl vod search [--type video|audio|image] [--match EXPR] [--category ID] [--limit N] [--json]`:
 * `--category` includes the categories below it.
 */
export async function vodSearchCommand(argv: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...connectionOptions,
      type: { type: 'string', default: 'video' },
      match: { type: 'string' },
      category: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
  })
  if (!mediaTypes.includes(values.type as MediaType)) {
    throw new UsageError('--type must be video, audio or image')
  }
  const limit = parsePositiveInteger(values.limit, '--limit', 10_000_000) ?? 20
  const client = vodClientFrom(values, context)
  const match = joinMatch(
    values.match,
    values.category === undefined
      ? undefined
      : categoryMatch(await categoryWithChildren(client, values.category)),
  )
  const items = []
  for await (const item of client.searchAll({
    searchType: values.type as MediaType,
    ...(match ? { match } : {}),
    fields: ['Title', 'CoverURL', 'Duration', 'Size', 'Status', 'CateName', 'StorageLocation'],
    sortBy: 'CreationTime:Desc',
    pageSize: Math.min(100, limit),
  })) {
    items.push(item)
    if (items.length >= limit) break
  }
  if (values.json) {
    context.stdout.write(`${JSON.stringify(items, null, 2)}\n`)
    return 0
  }
  printTable(
    context.stdout,
    ['ID', 'TYPE', 'STATUS', 'SIZE', 'CREATED', 'TITLE'],
    items.map((item) => [
      item.mediaId,
      item.mediaType,
      item.status ?? '',
      item.size === undefined ? '' : formatBytes(item.size),
      item.creationTime ?? '',
      item.title ?? '',
    ]),
  )
  return 0
}

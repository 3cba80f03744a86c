import { parseArgs } from 'node:util'
import {
  listCategoryTree,
  withDescendants,
  type CategoryNode,
} from '../../../main/vod/category-tree'
import type { VodClient } from '../../../main/vod/client'
import { UsageError } from '../../arguments'
import type { CliContext } from '../../context'
import { printTable } from '../../table'
import { vodClientFrom } from './connection'
import { connectionOptions } from './connection-options'

/** `vod-dl vod categories [--json]`: the account's category tree from GetCategories. */
export async function vodCategoriesCommand(argv: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...connectionOptions, json: { type: 'boolean' } },
  })
  const tree = await listCategoryTree(vodClientFrom(values, context))
  if (values.json) {
    context.stdout.write(`${JSON.stringify(tree, null, 2)}\n`)
    return 0
  }
  printTable(
    context.stdout,
    ['ID', 'PARENT', 'NAME'],
    tree.map((node) => [
      String(node.id),
      node.parentId === null ? '' : String(node.parentId),
      `${'  '.repeat(node.level)}${node.name}`,
    ]),
  )
  return 0
}

/**
 * `--category ID` of search and export: the category and every category below it. An id the
 * tree does not have is a usage error naming the command that lists them.
 */
export async function categoryWithChildren(
  client: Pick<VodClient, 'getCategories'>,
  text: string,
): Promise<number[]> {
  if (!/^\d{1,18}$/.test(text)) throw new UsageError('--category needs a category id (a number)')
  const id = Number(text)
  const tree: CategoryNode[] = await listCategoryTree(client)
  if (!tree.some((node) => node.id === id)) {
    throw new UsageError(`no category ${id}; "vod-dl vod categories" lists them`)
  }
  return withDescendants(tree, id)
}

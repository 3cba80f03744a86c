import {
  categoryPageSizeLimit,
  rootCategoryId,
  type CategoryType,
  type VodCategory,
} from './actions/get-categories'
import type { CallOptions, VodClient } from './client'

/** One category of the tree, with where it sits. */
export interface CategoryNode {
  id: number
  name: string
  /** Null for a level-0 category. */
  parentId: number | null
  /** 0, 1 or 2. */
  level: number
}

/** VOD categories nest at most three levels (0, 1, 2). */
const deepestLevel = 2

/**
 * The whole category tree of one type through GetCategories: the root's children, then each
 * category's children for those that have any (`SubTotal`), every page of them. Parents come
 * before their children (depth first, in the service's order), so the list reads as a tree.
 * Costs one call per category that has children, plus one for the root.
 */
export async function listCategoryTree(
  client: Pick<VodClient, 'getCategories'>,
  type: CategoryType = 'default',
  options?: CallOptions,
): Promise<CategoryNode[]> {
  const nodes: CategoryNode[] = []
  const visit = async (parent: number, level: number): Promise<void> => {
    for (const child of await childrenOf(client, parent, type, options)) {
      const childLevel = child.level ?? level
      nodes.push({
        id: child.cateId,
        name: child.cateName?.trim() || String(child.cateId),
        parentId: parent === rootCategoryId ? null : parent,
        level: childLevel,
      })
      // Level 2 categories have no children, whatever a reply says.
      if ((child.subTotal ?? 1) > 0 && childLevel < deepestLevel) {
        await visit(child.cateId, childLevel + 1)
      }
    }
  }
  await visit(rootCategoryId, 0)
  return nodes
}

async function childrenOf(
  client: Pick<VodClient, 'getCategories'>,
  cateId: number,
  type: CategoryType,
  options: CallOptions | undefined,
): Promise<VodCategory[]> {
  const children: VodCategory[] = []
  for (let pageNo = 1; ; pageNo += 1) {
    const page = await client.getCategories(
      { cateId, type, pageNo, pageSize: categoryPageSizeLimit, sortBy: 'CreationTime:Asc' },
      options,
    )
    children.push(...page.children)
    const total = page.subTotal ?? children.length
    if (page.children.length < categoryPageSizeLimit || children.length >= total) return children
  }
}

/** The category and every category below it, for a filter that includes the children. */
export function withDescendants(tree: readonly CategoryNode[], categoryId: number): number[] {
  const ids = [categoryId]
  for (let index = 0; index < ids.length; index += 1) {
    for (const node of tree) {
      if (node.parentId === ids[index] && !ids.includes(node.id)) ids.push(node.id)
    }
  }
  return ids
}

/**
 * The Match condition for media filed under any of the categories: CateId is an exact-match
 * field without a multi-value `in`, and `or` must sit in parentheses.
 */
export function categoryMatch(categoryIds: readonly number[]): string | undefined {
  const ids = [...new Set(categoryIds.map((id) => Math.trunc(id)))]
  if (ids.length === 0) return undefined
  if (ids.length === 1) return `CateId = ${ids[0]}`
  return `(${ids.map((id) => `CateId = ${id}`).join(' or ')})`
}

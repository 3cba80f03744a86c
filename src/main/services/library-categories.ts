import type { Category } from '../../shared/contract'
import type { VodClient } from '../vod/client'
import { listCategoryTree, withDescendants } from '../vod/category-tree'

export interface CategoryDirectoryDependencies {
  client: Pick<VodClient, 'getCategories'>
  now: () => number
  /** Names the account in use: a cached tree belongs to one account. */
  accountScope: () => string
  /** How long the tree is reused; default one minute, 0 to ask every time. */
  cacheMs?: number
}

/**
 * The account's category tree from GetCategories (`default` type: audio, video and images share
 * it), kept briefly so the filter list and the searches it drives ask for it once.
 */
export class CategoryDirectory {
  private cached: { scope: string; at: number; tree: Category[] } | undefined

  constructor(private readonly dependencies: CategoryDirectoryDependencies) {}

  /** Every category, parents before their children. */
  async tree(): Promise<Category[]> {
    const { now, accountScope } = this.dependencies
    const scope = accountScope()
    const cacheMs = this.dependencies.cacheMs ?? 60_000
    if (this.cached && this.cached.scope === scope && now() - this.cached.at < cacheMs) {
      return this.cached.tree
    }
    const tree = await listCategoryTree(this.dependencies.client)
    this.cached = { scope, at: now(), tree }
    return tree
  }

  /**
   * The category and every category below it: filtering by a category includes its children.
   * An id the tree does not know (deleted meanwhile) stands for itself.
   */
  async withDescendants(categoryId: number): Promise<number[]> {
    return withDescendants(await this.tree(), categoryId)
  }
}

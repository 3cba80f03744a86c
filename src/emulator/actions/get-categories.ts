import { invalidParameter } from '../api/errors'
import type { DemoCategory } from '../library-types'
import type { ActionHandler } from './context'

/**
 * GetCategories: one category (`Category`) and a page of its children (`SubCategories.Category`,
 * wrapped), with `SubTotal` the number of children. `CateId` -1 or absent names the root, whose
 * children are the level-0 categories; the root itself is not returned as a `Category`. Sorted by
 * creation time (`SortBy` `CreationTime:Desc`, the default, or `:Asc`). Only `default`
 * categories exist here (audio, video, image); `material` lists none. An unknown CateId is
 * `InvalidParameter` (the reference documents no code for it).
 */

const rootId = -1

export const getCategories: ActionHandler = (params, context) => {
  const cateId = params.integer('CateId', rootId)
  const pageNo = params.integer('PageNo', 1, { min: 1 })
  const pageSize = params.integer('PageSize', 10, { min: 1, max: 100 })
  const sortBy = params.choice(
    'SortBy',
    ['CreationTime:Desc', 'CreationTime:Asc'],
    'CreationTime:Desc',
  )
  const type = params.choice('Type', ['default', 'material'], 'default')
  const tree = type === 'default' ? context.library.categories : []
  const category = cateId === rootId ? undefined : tree.find((entry) => entry.cateId === cateId)
  if (cateId !== rootId && !category) throw invalidParameter('CateId')
  const children = tree
    .filter((entry) => entry.parentId === cateId)
    .sort((left, right) =>
      sortBy === 'CreationTime:Asc'
        ? left.creationTime - right.creationTime
        : right.creationTime - left.creationTime,
    )
  const page = children.slice((pageNo - 1) * pageSize, pageNo * pageSize)
  return {
    ...(category ? { Category: view(category, type) } : {}),
    SubTotal: children.length,
    SubCategories: {
      Category: page.map((child) => ({
        ...view(child, type),
        SubTotal: tree.filter((entry) => entry.parentId === child.cateId).length,
      })),
    },
  }
}

function view(category: DemoCategory, type: string): Record<string, unknown> {
  return {
    CateId: category.cateId,
    CateName: category.cateName,
    ParentId: category.parentId,
    Level: category.level,
    Type: type,
  }
}

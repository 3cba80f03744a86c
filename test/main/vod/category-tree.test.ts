import { describe, expect, it } from 'vitest'
import {
  categoryMatch,
  listCategoryTree,
  withDescendants,
} from '../../../src/main/vod/category-tree'
import { VodClient } from '../../../src/main/vod/client'
import { FakeTransport } from './fake-transport'

/** 120 level-0 categories (two pages); the first has a child with a child of its own. */
function categoriesReply(query: Record<string, string>) {
  const parent = Number(query.CateId)
  const category = (id: number, parentId: number, level: number, subTotal: number) => ({
    CateId: id,
    CateName: `c${id}`,
    ParentId: parentId,
    Level: level,
    SubTotal: subTotal,
    Type: 'default',
  })
  let children: ReturnType<typeof category>[] = []
  if (parent === -1) {
    children = Array.from({ length: 120 }, (_, index) =>
      category(index + 1, -1, 0, index === 0 ? 1 : 0),
    )
  } else if (parent === 1) {
    children = [category(101, 1, 1, 1)]
  } else if (parent === 101) {
    children = [category(1001, 101, 2, 0)]
  }
  const pageNo = Number(query.PageNo)
  const pageSize = Number(query.PageSize)
  return {
    RequestId: 'R',
    SubTotal: children.length,
    SubCategories: { Category: children.slice((pageNo - 1) * pageSize, pageNo * pageSize) },
  }
}

describe('listCategoryTree', () => {
  it('walks every page and every level, parents first, asking only where children are', async () => {
    const transport = new FakeTransport().on('GetCategories', (query) => categoriesReply(query))
    const tree = await listCategoryTree(new VodClient({ transport }))
    expect(tree).toHaveLength(122)
    expect(tree.slice(0, 3)).toEqual([
      { id: 1, name: 'c1', parentId: null, level: 0 },
      { id: 101, name: 'c101', parentId: 1, level: 1 },
      { id: 1001, name: 'c1001', parentId: 101, level: 2 },
    ])
    expect(transport.callsOf('GetCategories').map((query) => [query.CateId, query.PageNo])).toEqual(
      [
        ['-1', '1'],
        ['-1', '2'],
        ['1', '1'],
        ['101', '1'],
      ],
    )
    expect(withDescendants(tree, 1)).toEqual([1, 101, 1001])
    expect(withDescendants(tree, 55)).toEqual([55])
  })

  it('writes the Match of several categories with or, in parentheses', () => {
    expect(categoryMatch([5])).toBe('CateId = 5')
    expect(categoryMatch([5, 6, 5])).toBe('(CateId = 5 or CateId = 6)')
    expect(categoryMatch([])).toBeUndefined()
  })
})

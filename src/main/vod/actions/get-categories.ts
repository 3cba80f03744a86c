import { z } from 'zod'
import type { VodQuery } from '../transport'
import { optional, optionalArray, wireNumber, wireString } from '../wire'
import { buildQuery } from './common'

/** `default`: audio, video and image categories; `material`: short-video materials. */
export type CategoryType = 'default' | 'material'

/** Largest page of sub-categories GetCategories serves. */
export const categoryPageSizeLimit = 100

/** The CateId that names the root: asking for it lists the level-0 categories. */
export const rootCategoryId = -1

export interface GetCategoriesRequest {
  /** The category whose children to list; the root when absent. */
  cateId?: number
  pageNo?: number
  pageSize?: number
  /** `CreationTime:Desc` (the service's default) or `CreationTime:Asc`. */
  sortBy?: string
  type?: CategoryType
}

export function getCategoriesQuery(request: GetCategoriesRequest): VodQuery {
  return buildQuery({
    CateId: request.cateId,
    PageNo: request.pageNo,
    PageSize: request.pageSize,
    SortBy: request.sortBy,
    Type: request.type,
  })
}

const categorySchema = z
  .object({
    CateId: wireNumber,
    CateName: optional(wireString),
    ParentId: optional(wireNumber),
    /** 0, 1, 2: VOD categories are at most three levels deep. */
    Level: optional(wireNumber),
    /** Sub-categories only: how many children this one has. */
    SubTotal: optional(wireNumber),
    Type: optional(wireString),
  })
  .transform((wire) => ({
    cateId: wire.CateId,
    cateName: wire.CateName,
    parentId: wire.ParentId,
    level: wire.Level,
    subTotal: wire.SubTotal,
    type: wire.Type,
  }))

/**
 * GetCategories: the category asked for (`Category`, absent for the root in some replies) and
 * one page of its children, wrapped as `SubCategories.Category[]`.
 */
export const getCategoriesResponseSchema = z
  .object({
    RequestId: optional(wireString),
    Category: optional(categorySchema),
    SubTotal: optional(wireNumber),
    SubCategories: optional(z.object({ Category: optionalArray(categorySchema) })),
  })
  .transform((wire) => ({
    requestId: wire.RequestId,
    category: wire.Category,
    subTotal: wire.SubTotal,
    children: wire.SubCategories?.Category ?? [],
  }))

export type VodCategory = z.output<typeof categorySchema>
export type GetCategoriesResponse = z.output<typeof getCategoriesResponseSchema>

import type { DomainHandlers, Region } from '../../shared/contract'
import { vodRegions, type VodRegion } from '../vod/regions'
import { settle } from './settle'

/** A VOD region as the contract names its fields. */
export function regionOf(region: VodRegion): Region {
  return {
    id: region.regionId,
    name: region.name.en,
    nameZh: region.name['zh-CN'],
    endpoint: region.endpoint,
  }
}

/** The `regions.*` requests: the public VOD regions, for the account form. */
export function regionsHandlers(): DomainHandlers<'regions'> {
  return { 'regions.list': () => settle(() => vodRegions.map(regionOf)) }
}

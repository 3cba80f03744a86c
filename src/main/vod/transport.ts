/** The VOD actions this client calls, all RPC style, API version 2017-03-21. */
export type VodAction =
  | 'SearchMedia'
  | 'GetVideoInfo'
  | 'GetVideoInfos'
  | 'GetPlayInfo'
  | 'GetMezzanineInfo'
  | 'GetImageInfo'
  | 'GetImageInfos'
  | 'ListSnapshots'
  | 'GetCategories'
  | 'RestoreMedia'

/** API parameters of one call, already in their wire form (absent parameters left out). */
export type VodQuery = Record<string, string>

/**
 * Sends one signed call and returns the JSON body. It throws whatever its HTTP layer throws
 * (the client maps that), and does not retry: retrying is the client's decision.
 * The seam exists so tests and a future SDK can stand in for the installed one.
 */
export interface VodTransport {
  call(action: VodAction, query: VodQuery): Promise<unknown>
}

/** A VOD service region. A region serves only the media stored in it. */
export interface VodRegion {
  regionId: string
  /** English and Simplified Chinese display names. */
  name: { en: string; 'zh-CN': string }
  /** Public API host name. */
  endpoint: string
}

/** The public VOD regions and their API endpoints (`vod.<RegionId>.aliyuncs.com`). */
export const vodRegions: readonly VodRegion[] = [
  {
    regionId: 'cn-shanghai',
    name: { en: 'China (Shanghai)', 'zh-CN': '华东2（上海）' },
    endpoint: 'vod.cn-shanghai.aliyuncs.com',
  },
  {
    regionId: 'cn-beijing',
    name: { en: 'China (Beijing)', 'zh-CN': '华北2（北京）' },
    endpoint: 'vod.cn-beijing.aliyuncs.com',
  },
  {
    regionId: 'cn-shenzhen',
    name: { en: 'China (Shenzhen)', 'zh-CN': '华南1（深圳）' },
    endpoint: 'vod.cn-shenzhen.aliyuncs.com',
  },
  {
    regionId: 'cn-hongkong',
    name: { en: 'China (Hong Kong)', 'zh-CN': '中国香港' },
    endpoint: 'vod.cn-hongkong.aliyuncs.com',
  },
  {
    regionId: 'ap-southeast-1',
    name: { en: 'Singapore', 'zh-CN': '新加坡' },
    endpoint: 'vod.ap-southeast-1.aliyuncs.com',
  },
  {
    regionId: 'ap-southeast-5',
    name: { en: 'Indonesia (Jakarta)', 'zh-CN': '印度尼西亚（雅加达）' },
    endpoint: 'vod.ap-southeast-5.aliyuncs.com',
  },
  {
    regionId: 'ap-northeast-1',
    name: { en: 'Japan (Tokyo)', 'zh-CN': '日本（东京）' },
    endpoint: 'vod.ap-northeast-1.aliyuncs.com',
  },
  {
    regionId: 'eu-central-1',
    name: { en: 'Germany (Frankfurt)', 'zh-CN': '德国（法兰克福）' },
    endpoint: 'vod.eu-central-1.aliyuncs.com',
  },
  {
    regionId: 'us-west-1',
    name: { en: 'US (Silicon Valley)', 'zh-CN': '美国（硅谷）' },
    endpoint: 'vod.us-west-1.aliyuncs.com',
  },
  {
    regionId: 'me-central-1',
    name: { en: 'Saudi Arabia (Riyadh)', 'zh-CN': '沙特（利雅得）' },
    endpoint: 'vod.me-central-1.aliyuncs.com',
  },
  {
    regionId: 'cn-north-2-gov-1',
    name: { en: 'China North 2 Ali Gov 1', 'zh-CN': '华北2 阿里政务云1' },
    endpoint: 'vod.cn-north-2-gov-1.aliyuncs.com',
  },
]

export const defaultRegionId = 'cn-shanghai'

/**
 * The API host of a region. `cn-hangzhou` is not a VOD region but old configurations use it;
 * the official SDK sends it to Shanghai, so do we. Unlisted ids follow the documented pattern.
 */
export function endpointForRegion(regionId: string): string {
  if (regionId === 'cn-hangzhou') return 'vod.cn-shanghai.aliyuncs.com'
  const listed = vodRegions.find((region) => region.regionId === regionId)
  return listed?.endpoint ?? `vod.${regionId}.aliyuncs.com`
}

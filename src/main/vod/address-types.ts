import type { AddressType } from '../../shared/vod'
import { detectSigningScheme } from './url-lease'

/** One line per address type and language, for the address-type picker. */
export interface AddressTypeDescription {
  en: string
  'zh-CN': string
}

/**
 * What choosing a CDN or an OSS origin address means: who bills the traffic and which access
 * rules apply. Encryption applies to both, so neither is a way around it.
 */
export function describeAddressTypes(): Record<AddressType, AddressTypeDescription> {
  return {
    cdn: {
      en: 'CDN address: billed as CDN traffic; the domain’s Referer, IP and URL-signing rules apply; encrypted streams stay encrypted.',
      'zh-CN':
        'CDN 加速地址：产生 CDN 流量费用；受加速域名的 Referer 防盗链、IP 黑白名单和 URL 鉴权限制；加密视频下载后仍是加密的。',
    },
    oss: {
      en: 'OSS origin address: billed as OSS outbound traffic; bypasses the CDN’s Referer, IP and URL-signing rules; encrypted streams stay encrypted.',
      'zh-CN':
        'OSS 源站地址：产生 OSS 外网流出流量费用；不受 CDN 的 Referer 防盗链、IP 黑白名单和 URL 鉴权限制；加密视频下载后仍是加密的。',
    },
  }
}

/**
 * Whether a storage location is an input bucket (`in-…`). Sources stored there come back as OSS
 * addresses even when a CDN address is asked for. VOD's output buckets are `outin-…`/`out-…`.
 */
export function isInputBucket(storageLocation: string | undefined): boolean {
  return storageLocation !== undefined && /^in-/i.test(storageLocation.trim())
}

/**
 * Tells an OSS origin address from a CDN address: by its signature when signed, else by an
 * `*.oss-<region>.aliyuncs.com` host. Anything else is taken as CDN.
 */
export function addressTypeOfUrl(url: string): AddressType {
  const scheme = detectSigningScheme(url)
  if (scheme === 'oss-v1' || scheme === 'oss-v4') return 'oss'
  if (scheme !== 'unknown') return 'cdn'
  try {
    const host = new URL(url).hostname
    return /(^|\.)oss(-[a-z0-9-]+)?(\.[a-z0-9-]+)?\.aliyuncs\.com$/i.test(host) ? 'oss' : 'cdn'
  } catch {
    return 'cdn'
  }
}

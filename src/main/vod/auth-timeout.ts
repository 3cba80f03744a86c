import { AppError } from '../../shared/errors'
import { VodServiceError } from './errors'

/** Files at least this big get the long URL lifetime: they may take hours, even days. */
export const largeFileBytes = 1024 ** 3

/** Longest OSS lifetime for sources, images and snapshots in VOD buckets (30 days). */
export const mezzanineMaximumAuthTimeoutSeconds = 2_592_000

/** Longest OSS lifetime for GetPlayInfo streams in VOD buckets (7 days). */
export const playInfoMaximumAuthTimeoutSeconds = 604_800

/** ListSnapshots raises anything shorter to this. */
export const snapshotMinimumAuthTimeoutSeconds = 3600

/** The actions that take an AuthTimeout. */
export type SigningAction = 'GetPlayInfo' | 'GetMezzanineInfo' | 'GetImageInfo' | 'ListSnapshots'

export interface AuthTimeoutSettings {
  defaultAuthTimeoutSeconds: number
  /** Lifetime for large files; the action's OSS maximum when unset. */
  largeFileAuthTimeoutSeconds?: number
}

/** The OSS maximum of an action for VOD buckets (CDN addresses have none). */
export function maximumAuthTimeoutSeconds(action: SigningAction): number {
  return action === 'GetPlayInfo'
    ? playInfoMaximumAuthTimeoutSeconds
    : mezzanineMaximumAuthTimeoutSeconds
}

/**
 * The AuthTimeout to request. An explicit lifetime on the reference wins; a known large file
 * gets the long lifetime; everything else the default. The result is kept within the OSS
 * limits of the action, because whether the address will be OSS (no CDN domain, `in-` bucket)
 * is not always known before the call, and CDN addresses accept any value.
 */
export function chooseAuthTimeoutSeconds(input: {
  action: SigningAction
  requested?: number
  knownSize?: number
  settings: AuthTimeoutSettings
}): number {
  const maximum = maximumAuthTimeoutSeconds(input.action)
  const isLarge = input.knownSize !== undefined && input.knownSize >= largeFileBytes
  const largeLifetime = input.settings.largeFileAuthTimeoutSeconds ?? maximum
  const wanted =
    input.requested ?? (isLarge ? largeLifetime : input.settings.defaultAuthTimeoutSeconds)
  const minimum = input.action === 'ListSnapshots' ? snapshotMinimumAuthTimeoutSeconds : 1
  return Math.min(Math.max(Math.round(wanted), minimum), maximum)
}

/**
 * Longest OSS lifetime in a bucket of the account's own added as VOD storage (36 hours), the
 * smallest maximum the service documents. VOD buckets allow more, but which kind of bucket holds
 * a file is not known before the call.
 */
export const ownBucketMaximumAuthTimeoutSeconds = 129_600

/** Whether the service refused the AuthTimeout that was asked for (too long for the storage). */
export function isRefusedAuthTimeout(error: unknown): boolean {
  if (!(error instanceof AppError) || error.code !== 'InvalidInput') return false
  const serverCode = error instanceof VodServiceError ? (error.serverCode ?? '') : ''
  if (serverCode.includes('AuthTimeout')) return true
  return serverCode.startsWith('InvalidParameter') && (error.detail ?? '').includes('AuthTimeout')
}

/**
 * Runs a call that signs URLs with `requested` as AuthTimeout. When the service refuses that
 * lifetime (a source in a bucket of the account's own, whose OSS maximum is lower than a VOD
 * bucket's), asks once more with the allowed maximum instead of failing. Answers the value and
 * the lifetime that was granted.
 */
export async function withAllowedAuthTimeout<T>(
  requested: number,
  call: (authTimeout: number) => Promise<T>,
): Promise<{ value: T; authTimeout: number }> {
  try {
    return { value: await call(requested), authTimeout: requested }
  } catch (error) {
    if (!isRefusedAuthTimeout(error) || requested <= ownBucketMaximumAuthTimeoutSeconds) {
      throw error
    }
    const allowed = ownBucketMaximumAuthTimeoutSeconds
    return { value: await call(allowed), authTimeout: allowed }
  }
}

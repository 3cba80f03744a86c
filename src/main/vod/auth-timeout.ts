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

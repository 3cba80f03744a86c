/** Options every `vod` command shares. */
export const connectionOptions = {
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'auth-timeout': { type: 'string' },
  referer: { type: 'string' },
  profile: { type: 'string' },
} as const

export interface ConnectionValues {
  region?: string
  endpoint?: string
  'auth-timeout'?: string
  referer?: string
  profile?: string
}

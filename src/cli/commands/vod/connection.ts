import { AppError } from '../../../shared/errors'
import type { VodSource } from '../../../shared/jobs'
import type { SourceResolver } from '../../../main/engine/source'
import { describeReference } from '../../../main/vod/reference-label'
import { systemClock } from '../../../main/engine/clock'
import { createVodClient } from '../../../main/vod/create-vod-client'
import type { VodClient } from '../../../main/vod/client'
import { credentialsFromEnvironment } from '../../../main/vod/credentials'
import { endpointOverrideFromEnvironment } from '../../../main/vod/endpoint'
import { defaultRegionId } from '../../../main/vod/regions'
import { VodSourceResolver } from '../../../main/vod/vod-source-resolver'
import type { CliContext } from '../../context'

/** Options every `vod` command shares. */
export const connectionOptions = {
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'auth-timeout': { type: 'string' },
  referer: { type: 'string' },
} as const

export interface ConnectionValues {
  region?: string
  endpoint?: string
  'auth-timeout'?: string
  referer?: string
}

/**
 * A VOD client from flags and the standard environment variables. Credentials come only from
 * the environment: a secret given as a flag would show up in the process list.
 */
export function vodClientFrom(values: ConnectionValues, context: CliContext): VodClient {
  const credentials = credentialsFromEnvironment(context.environment)
  if (!credentials) throw new AppError('NotConfigured')
  const endpoint = values.endpoint ?? endpointOverrideFromEnvironment(context.environment)
  const regionId = values.region ?? context.environment.ALIBABA_CLOUD_REGION_ID ?? defaultRegionId
  return createVodClient(() => ({ credentials, regionId, ...(endpoint ? { endpoint } : {}) }))
}

export function authTimeoutFrom(values: ConnectionValues): number {
  const text = values['auth-timeout']
  if (text === undefined) return 3600
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new AppError('InvalidInput', '--auth-timeout must be a number of seconds')
  }
  return Number(text)
}

export function vodResolverFrom(client: VodClient, values: ConnectionValues): VodSourceResolver {
  const defaultAuthTimeoutSeconds = authTimeoutFrom(values)
  const referer = values.referer
  return new VodSourceResolver({
    client,
    clock: systemClock,
    settings: () => ({ defaultAuthTimeoutSeconds, ...(referer ? { referer } : {}) }),
  })
}

/**
 * The resolver for VOD jobs in commands that may meet them (resume, jobs): the real one when
 * credentials are in the environment, otherwise one that fails each VOD job with a clear
 * "not configured" message (the job and its bytes are kept for a later run).
 */
export function vodResolverForExistingJobs(
  values: ConnectionValues,
  context: CliContext,
): SourceResolver<VodSource> {
  if (credentialsFromEnvironment(context.environment)) {
    return vodResolverFrom(vodClientFrom(values, context), values)
  }
  return {
    kind: 'vod',
    canRefresh: false,
    resolve: () => Promise.reject(new AppError('NotConfigured')),
    describe: (source) => describeReference(source.reference),
  }
}

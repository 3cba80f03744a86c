import { AppError } from '../../../shared/errors'
import type { VodSource } from '../../../shared/jobs'
import type { SourceResolver } from '../../../main/engine/source'
import { describeReference } from '../../../main/vod/reference-label'
import { systemClock } from '../../../main/common/clock'
import { createVodClient } from '../../../main/vod/create-vod-client'
import type { VodClient } from '../../../main/vod/client'
import type { VodLogger } from '../../../main/vod/logger'
import {
  createCredentialChain,
  credentialChainConfigured,
} from '../../../main/vod/credential-chain'
import { credentialsFromEnvironment, type VodCredentials } from '../../../main/vod/credentials'
import { endpointOverrideFromEnvironment } from '../../../main/vod/endpoint'
import { defaultRegionId } from '../../../main/vod/regions'
import { VodSourceResolver } from '../../../main/vod/vod-source-resolver'
import type { CliContext } from '../../context'
import type { ConnectionValues } from './connection-options'

/**
 * Where the credentials come from, never from a flag (a secret given as a flag would show up in
 * the process list): `--profile NAME` takes that profile of `~/.aliyun/config.json` or
 * `~/.alibabacloud/credentials`; otherwise the ALIBABA_CLOUD_ACCESS_KEY_* variables (with
 * ALIBABA_CLOUD_SECURITY_TOKEN for STS); otherwise the official default credential chain when
 * one of its sources is set up (credentials URI, OIDC, profile files, ECS RAM role name).
 * Undefined when there is none.
 */
export function credentialsFrom(
  values: ConnectionValues,
  context: CliContext,
): VodCredentials | undefined {
  const profile = values.profile?.trim()
  if (values.profile !== undefined) {
    if (!profile || !/^[A-Za-z0-9._-]{1,64}$/.test(profile)) {
      throw new AppError('InvalidInput', '--profile needs a profile name')
    }
    return { kind: 'chain', chain: createCredentialChain({ profile }) }
  }
  const fromVariables = credentialsFromEnvironment(context.environment)
  if (fromVariables) return fromVariables
  if (credentialChainConfigured(context.environment)) {
    return { kind: 'chain', chain: createCredentialChain() }
  }
  return undefined
}

/**
 * A VOD client from flags and the credentials {@link credentialsFrom} finds. `observer` hears
 * every call too (`vod sync` counts them).
 */
export function vodClientFrom(
  values: ConnectionValues,
  context: CliContext,
  credentials: VodCredentials | undefined = credentialsFrom(values, context),
  observer?: VodLogger,
): VodClient {
  if (!credentials) throw new AppError('NotConfigured')
  const endpoint = values.endpoint ?? endpointOverrideFromEnvironment(context.environment)
  const regionId = values.region ?? context.environment.ALIBABA_CLOUD_REGION_ID ?? defaultRegionId
  const proxy = context.network?.resolver
  const connection = {
    credentials,
    regionId,
    ...(endpoint ? { endpoint } : {}),
    ...(proxy ? { proxy } : {}),
  }
  const file = context.diagnostics?.logger('vod')
  if (!file && !observer) return createVodClient(() => connection)
  return createVodClient(() => connection, {
    logger: {
      debug: (m, f) => {
        file?.debug?.(m, f)
        observer?.debug(m, f)
      },
      warn: (m, f) => {
        file?.warn(m, f)
        observer?.warn(m, f)
      },
    },
  })
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
 * The real resolver when there are credentials, otherwise one that fails each VOD job with a
 * clear "not configured" message (see `lazy-resolver.ts`, which loads this module on demand).
 */
export function vodResolverOrNotConfigured(
  values: ConnectionValues,
  context: CliContext,
): SourceResolver<VodSource> {
  const credentials = credentialsFrom(values, context)
  if (credentials) return vodResolverFrom(vodClientFrom(values, context, credentials), values)
  return {
    kind: 'vod',
    canRefresh: false,
    resolve: () => Promise.reject(new AppError('NotConfigured')),
    describe: (source) => describeReference(source.reference),
  }
}

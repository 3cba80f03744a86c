import type { VodSource } from '../../../shared/jobs'
import type { ResolveContext, SourceResolver } from '../../../main/engine/source'
import { describeReference } from '../../../main/vod/reference-label'
import type { CliContext } from '../../context'
import type { ConnectionValues } from './connection-options'

/**
 * The resolver for VOD jobs in commands that may meet them without being about VOD (`jobs`,
 * `resume`, `get`): the VOD SDK, the credential chain and the API client are loaded when a VOD
 * job first needs an address, not at start, so a command that meets none starts in a fraction
 * of the time. Without credentials, each VOD job fails with a clear "not configured" message
 * (the job and its bytes are kept for a later run).
 */
export function vodResolverForExistingJobs(
  values: ConnectionValues,
  context: CliContext,
): SourceResolver<VodSource> {
  let loaded: Promise<SourceResolver<VodSource>> | undefined
  const real = (): Promise<SourceResolver<VodSource>> =>
    (loaded ??= import('./connection').then((connection) =>
      connection.vodResolverOrNotConfigured(values, context),
    ))
  return {
    kind: 'vod',
    // Renewal is attempted; without credentials it fails with NotConfigured, which says why.
    canRefresh: true,
    resolve: async (source: VodSource, resolving: ResolveContext) =>
      (await real()).resolve(source, resolving),
    describe: (source) => describeReference(source.reference),
  }
}

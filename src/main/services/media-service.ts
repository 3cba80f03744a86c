import type {
  DomainHandlers,
  FileAddress,
  MediaDetailsResult,
  MediaType,
} from '../../shared/contract'
import type { JobSnapshot } from '../../shared/jobs'
import type { Settings } from '../../shared/settings'
import type { VodFileReference } from '../../shared/vod'
import { addressTypeOfUrl } from '../vod/address-types'
import type { VodClient } from '../vod/client'
import { VodSourceResolver } from '../vod/vod-source-resolver'
import { jobsOfMedia } from './job-queries'
import { loadMediaCatalogue } from './media-catalogue'
import { resolverSettingsOf } from './settings-service'

/** The VOD client, the current settings and the job list. */
export interface MediaServiceDependencies {
  client: VodClient
  settings: () => Settings
  jobs: () => JobSnapshot[]
  /** Epoch ms, for the expiry of copied addresses; default `Date.now`. */
  now?: () => number
}

/**
 * `media.details`: one media item, every file it offers, and the jobs already made from them.
 * `media.address`: one file's signed address, for "Copy address".
 */
export class MediaService {
  /**
   * Resolves copied addresses as downloads resolve theirs (AuthTimeout, Referer rule, CDN
   * domain from Settings), but without the MtsHlsUriToken: a pasted address must not carry it.
   */
  private readonly addresses: VodSourceResolver

  constructor(private readonly dependencies: MediaServiceDependencies) {
    this.addresses = new VodSourceResolver({
      client: dependencies.client,
      settings: () => resolverSettingsOf(dependencies.settings(), undefined),
      clock: { now: dependencies.now ?? Date.now },
    })
  }

  async address(reference: VodFileReference): Promise<FileAddress> {
    const lease = await this.addresses.resolve(
      { kind: 'vod', reference },
      { reason: 'initial', signal: new AbortController().signal },
    )
    return {
      url: lease.url,
      expiresAt: lease.expiresAt ?? null,
      addressType: addressTypeOfUrl(lease.url),
    }
  }

  async details(mediaId: string, mediaType: MediaType): Promise<MediaDetailsResult> {
    const settings = this.dependencies.settings()
    const catalogue = await loadMediaCatalogue(this.dependencies.client, {
      mediaId,
      mediaType,
      outputType: settings.defaultAddressType,
      template: settings.fileNameTemplate,
      ...(settings.playDomain ? { playDomain: settings.playDomain } : {}),
    })
    return {
      media: catalogue.media,
      files: catalogue.entries.map((entry) => entry.file),
      downloads: jobsOfMedia(this.dependencies.jobs(), mediaId, mediaType),
      warnings: catalogue.warnings,
      unavailable: catalogue.unavailable,
    }
  }
}

/** The `media.*` requests. */
export function mediaHandlers(service: MediaService): DomainHandlers<'media'> {
  return {
    'media.details': (input) => service.details(input.mediaId, input.mediaType),
    'media.address': (input) => service.address(input.reference),
  }
}

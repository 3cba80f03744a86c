import type { DomainHandlers, MediaDetailsResult, MediaType } from '../../shared/contract'
import type { JobSnapshot } from '../../shared/jobs'
import type { Settings } from '../../shared/settings'
import type { VodClient } from '../vod/client'
import { jobsOfMedia } from './job-queries'
import { loadMediaCatalogue } from './media-catalogue'

/** The VOD client, the current settings and the job list. */
export interface MediaServiceDependencies {
  client: VodClient
  settings: () => Settings
  jobs: () => JobSnapshot[]
}

/** `media.details`: one media item, every file it offers, and the jobs already made from them. */
export class MediaService {
  constructor(private readonly dependencies: MediaServiceDependencies) {}

  async details(mediaId: string, mediaType: MediaType): Promise<MediaDetailsResult> {
    const settings = this.dependencies.settings()
    const catalogue = await loadMediaCatalogue(this.dependencies.client, {
      mediaId,
      mediaType,
      outputType: settings.defaultAddressType,
      template: settings.fileNameTemplate,
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
  return { 'media.details': (input) => service.details(input.mediaId, input.mediaType) }
}

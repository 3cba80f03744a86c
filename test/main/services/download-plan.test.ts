import { describe, expect, it } from 'vitest'
import { referenceKey, type DownloadableFile } from '../../../src/shared/contract'
import type { JobSnapshot } from '../../../src/shared/jobs'
import type { VodFileReference } from '../../../src/shared/vod'
import { planDownloads, type PlanOptions } from '../../../src/main/services/download-plan'
import type { CatalogueEntry } from '../../../src/main/services/media-catalogue'
import type { DownloadableFile as VodDownloadableFile } from '../../../src/main/vod/downloadable-files'

function entry(
  reference: VodFileReference,
  fields: Partial<VodDownloadableFile> = {},
): CatalogueEntry {
  const listed: VodDownloadableFile = {
    reference,
    kind: reference.kind,
    label: reference.kind,
    encryption: 'none',
    downloadable: true,
    suggestedName: 'x',
    addressType: 'cdn',
    forcedOss: false,
    addressTypeSelectable: true,
    ...fields,
  }
  return { listed, file: { suggestedName: `Title/${reference.kind}.mp4` } as DownloadableFile }
}

const hd: VodFileReference = {
  mediaId: 'm1',
  mediaType: 'video',
  kind: 'rendition',
  outputType: 'cdn',
  definition: 'HD',
  format: 'mp4',
  jobId: 'j1',
}
const hls: VodFileReference = { ...hd, definition: 'SD', format: 'm3u8', jobId: 'j2' }
const source: VodFileReference = {
  mediaId: 'm2',
  mediaType: 'video',
  kind: 'source',
  outputType: 'oss',
}
const locked: VodFileReference = { ...hd, definition: 'OD', jobId: 'j3' }

const catalogue = new Map(
  [
    entry(hd, { size: 300, md5: 'a'.repeat(32) }),
    entry(hls, { size: 999, format: 'm3u8' }),
    entry(source, { forcedOss: true, size: 5000, crc64: '123' }),
    entry(locked, { downloadable: false, reason: 'ProprietaryEncryption' }),
  ].map((item) => [referenceKey(item.listed.reference), item]),
)

const options: PlanOptions = {
  directory: '/downloads',
  addressType: undefined,
  duplicates: 'skip',
  existing: new Map(),
}

describe('download planning', () => {
  it('creates jobs with the template name and the listed identity', () => {
    const [planned] = planDownloads([{ reference: hd }], catalogue, options)
    expect(planned).toEqual({
      kind: 'new',
      key: referenceKey(hd),
      job: {
        source: { kind: 'vod', reference: hd },
        directory: '/downloads',
        fileName: 'Title/rendition.mp4',
        expected: { size: 300, md5: 'a'.repeat(32) },
      },
    })
  })

  it('keeps forced-OSS files on OSS and applies the override to the others', () => {
    const plan = planDownloads(
      [{ reference: hd }, { reference: { ...source, outputType: 'cdn' } }],
      catalogue,
      {
        ...options,
        addressType: 'oss',
      },
    )
    expect(
      plan.map((item) =>
        item.kind === 'new' && item.job.source.kind === 'vod'
          ? item.job.source.reference.outputType
          : null,
      ),
    ).toEqual(['oss', 'oss'])
    const cdn = planDownloads([{ reference: { ...source, outputType: 'cdn' } }], catalogue, {
      ...options,
      addressType: 'cdn',
    })
    expect(
      cdn[0]?.kind === 'new' &&
        cdn[0].job.source.kind === 'vod' &&
        cdn[0].job.source.reference.outputType,
    ).toBe('oss')
  })

  it('leaves the size of an m3u8 playlist unchecked (VOD reports its segments)', () => {
    const [planned] = planDownloads([{ reference: hls }], catalogue, options)
    expect(planned?.kind === 'new' && planned.job.expected).toEqual({})
  })

  it('sanitizes a caller-chosen name', () => {
    const [planned] = planDownloads(
      [{ reference: hd, fileName: 'a/../b:c.mp4' }],
      catalogue,
      options,
    )
    expect(planned?.kind === 'new' && planned.job.fileName).toBe('a/b_c.mp4')
  })

  it('answers existing jobs for duplicates unless duplicates are allowed', () => {
    const existing = new Map([[referenceKey(hd), { id: 7 } as JobSnapshot]])
    const skipped = planDownloads(
      [{ reference: hd }, { reference: hls }, { reference: hls }],
      catalogue,
      { ...options, existing },
    )
    expect(skipped.map((item) => item.kind)).toEqual(['existing', 'new', 'existing'])
    expect(skipped[0]).toMatchObject({ job: { id: 7 } })
    const allowed = planDownloads([{ reference: hd }, { reference: hd }], catalogue, {
      ...options,
      existing,
      duplicates: 'allow',
    })
    expect(allowed.map((item) => item.kind)).toEqual(['new', 'new'])
  })

  it('refuses files that are not listed or cannot be downloaded', () => {
    expect(() =>
      planDownloads([{ reference: { ...hd, jobId: 'gone' } }], catalogue, options),
    ).toThrow(/does not exist/)
    expect(() => planDownloads([{ reference: locked }], catalogue, options)).toThrow(
      /proprietary encryption/,
    )
  })
})

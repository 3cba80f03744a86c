import { describe, expect, it } from 'vitest'
import {
  backupPath,
  defaultBackupTemplate,
  findBackupTemplateProblem,
  selectorOf,
  sidecarPath,
  slotOf,
  type ItemFacts,
} from '../../../src/main/backup/backup-layout'

const item: ItemFacts = {
  mediaId: '93ab850b4f654b6e91d24d81d44d3a1e',
  mediaType: 'video',
  title: '发布会 Launch',
  categoryName: '市场 Marketing',
  creationTime: '2026-03-01T08:00:00Z',
}

describe('backup layout', () => {
  it('puts a file at {category}/{title} [{mediaId}]/{kind}.{ext} by default', () => {
    expect(backupPath(defaultBackupTemplate, item, { slot: 'source', ext: 'mov' })).toBe(
      '市场 Marketing/发布会 Launch [93ab850b4f654b6e91d24d81d44d3a1e]/source.mov',
    )
    expect(sidecarPath(defaultBackupTemplate, item)).toBe(
      '市场 Marketing/发布会 Launch [93ab850b4f654b6e91d24d81d44d3a1e]/发布会 Launch.vod.json',
    )
  })

  it('leaves out an empty category and an empty extension instead of making odd names', () => {
    const plain = { ...item, categoryName: null }
    expect(backupPath(defaultBackupTemplate, plain, { slot: 'source', ext: '' })).toBe(
      '发布会 Launch [93ab850b4f654b6e91d24d81d44d3a1e]/source',
    )
  })

  it('keeps the id when a title is long, and never lets a title make folders or escape', () => {
    const long = { ...item, title: '很长的标题'.repeat(60) }
    const path = backupPath(defaultBackupTemplate, long, { slot: 'source', ext: 'mp4' })
    expect(path).toContain(`[${item.mediaId}]/source.mp4`)
    expect(Buffer.byteLength(path.split('/')[1] ?? '')).toBeLessThanOrEqual(200)
    const hostile = { ...item, title: '../../etc/passwd', categoryName: '..' }
    const hostilePath = backupPath(defaultBackupTemplate, hostile, { slot: 'source', ext: 'mp4' })
    expect(hostilePath.split('/')).toHaveLength(2)
    expect(hostilePath.split('/').every((segment) => segment !== '..' && segment !== '.')).toBe(
      true,
    )
  })

  it('gives every file of an item its own stable slot', () => {
    const base = { mediaId: item.mediaId, mediaType: 'video' as const, outputType: 'cdn' as const }
    const slots = [
      slotOf({ ...base, kind: 'source' }),
      slotOf({ ...base, kind: 'rendition', definition: 'HD', format: 'mp4', streamType: 'video' }),
      slotOf({ ...base, kind: 'rendition', definition: 'HD', format: 'm3u8', streamType: 'video' }),
      slotOf({ ...base, kind: 'rendition', definition: 'SQ', format: 'mp3', streamType: 'audio' }),
      slotOf({ ...base, kind: 'cover' }),
      slotOf({ ...base, kind: 'cover', index: 2 }),
      slotOf({ ...base, kind: 'snapshot', index: 3 }),
      slotOf({ ...base, kind: 'sprite-origin', index: 12 }),
    ]
    expect(slots).toEqual([
      'source',
      'rendition-HD',
      'rendition-HD-m3u8',
      'rendition-SQ-audio',
      'cover',
      'cover-002',
      'snapshot-003',
      'sprite-origin-012',
    ])
    expect(new Set(slots).size).toBe(slots.length)
    // A rendition keeps its slot when it is transcoded again (a new JobId).
    expect(
      selectorOf({ ...base, kind: 'rendition', definition: 'HD', format: 'mp4', jobId: 'a' }),
    ).toBe(selectorOf({ ...base, kind: 'rendition', definition: 'HD', format: 'mp4', jobId: 'b' }))
  })

  it('refuses templates that could put two files at one path or leave the folder', () => {
    expect(findBackupTemplateProblem(defaultBackupTemplate)).toBeNull()
    expect(findBackupTemplateProblem('{date}/{mediaId}-{kind}.{ext}')).toBeNull()
    expect(findBackupTemplateProblem('{title}/{kind}.{ext}')).toMatch(/mediaId/)
    expect(findBackupTemplateProblem('{mediaId}/source.{ext}')).toMatch(/kind/)
    expect(findBackupTemplateProblem('{kind}/{mediaId}.{ext}')).toMatch(/last part/)
    expect(findBackupTemplateProblem('/abs/{mediaId}/{kind}')).toMatch(/relative/)
    expect(findBackupTemplateProblem('../{mediaId}/{kind}')).toMatch(/\.\./)
    expect(findBackupTemplateProblem('{mediaId}/{kind}.{extension}')).toMatch(/\{extension\}/)
    expect(findBackupTemplateProblem('{mediaId}/{kind.{ext}')).toMatch(/braces/)
  })
})

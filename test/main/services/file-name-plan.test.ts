import { describe, expect, it } from 'vitest'
import {
  dateOfInstant,
  extensionOfName,
  planFileName,
} from '../../../src/main/services/file-name-plan'

describe('file-name planning', () => {
  const facts = {
    title: 'Launch 发布会',
    mediaId: 'abc',
    kind: 'rendition',
    definition: 'HD',
    format: 'mp4',
  }

  it('applies the template per segment', () => {
    expect(planFileName('{title}/{definition}.{ext}', facts, 'fallback.mp4')).toBe(
      'Launch 发布会/HD.mp4',
    )
    expect(
      planFileName('{date}-{mediaId}-{kind}.{format}', { ...facts, date: '2026-01-02' }, 'x'),
    ).toBe('2026-01-02-abc-rendition.mp4')
  })

  it('keeps a hostile title inside one folder segment', () => {
    expect(
      planFileName('{title}/{definition}.{ext}', { ...facts, title: '../../etc/passwd' }, 'x.mp4'),
    ).toBe('.._.._etc_passwd/HD.mp4')
    expect(planFileName('{title}.{ext}', { ...facts, title: 'CON' }, 'x')).toBe('_CON.mp4')
    expect(planFileName('{title}/{definition}.{ext}', { ...facts, title: 'a<b>:c|d?' }, 'x')).toBe(
      'a_b__c_d_/HD.mp4',
    )
  })

  it('names files without a definition by their kind and index', () => {
    expect(
      planFileName(
        '{title}/{definition}.{ext}',
        { title: 'T', mediaId: 'm', kind: 'snapshot', index: 3, ext: 'jpg' },
        'x',
      ),
    ).toBe('T/snapshot-003.jpg')
  })

  it('falls back to the suggested name when the template leaves nothing', () => {
    expect(
      planFileName('{jobId}', { title: 'T', mediaId: 'm', kind: 'source' }, 'master.mov'),
    ).toBe('master.mov')
  })

  it('reads extensions and dates', () => {
    expect(extensionOfName('clip.MP4')).toBe('mp4')
    expect(extensionOfName('noextension')).toBeUndefined()
    expect(dateOfInstant('2026-03-01T23:30:00-02:00')).toBe('2026-03-02')
    expect(dateOfInstant('garbage')).toBeNull()
    expect(dateOfInstant(undefined)).toBeNull()
  })
})

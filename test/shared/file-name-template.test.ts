import { describe, expect, it } from 'vitest'
import {
  applyFileNameTemplate,
  defaultFileNameTemplate,
  fileNameValuesForFile,
  findFileNameTemplateProblem,
  type SanitizeSegment,
} from '../../src/shared/file-name-template'

const keepAsIs: SanitizeSegment = (segment) => segment

/**
 * A stand-in for the platform sanitizer main supplies: it is here to show that hostile titles
 * reach it as single segments, not to define the production rules.
 */
const windowsSafe: SanitizeSegment = (segment) => {
  // Trailing dots and spaces are stripped by Windows, which also turns ".." into nothing.
  let clean = segment.replace(/[<>:"/\\|?*]/g, '_').replace(/[. ]+$/, '')
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(clean)) clean = `_${clean}`
  return clean
}

describe('applyFileNameTemplate', () => {
  it('substitutes placeholders and splits folders on the template slashes', () => {
    const values = { title: 'Trailer', definition: 'HD', ext: 'mp4' }
    expect(applyFileNameTemplate(defaultFileNameTemplate, values, keepAsIs)).toEqual([
      'Trailer',
      'HD.mp4',
    ])
    expect(
      applyFileNameTemplate(
        '{date}/{mediaId}-{kind}-{index}-{format}-{jobId}.{ext}',
        {
          date: '2024-01-02',
          mediaId: 'm1',
          kind: 'snapshot',
          index: 3,
          format: 'jpg',
          jobId: 'j',
          ext: 'jpg',
        },
        keepAsIs,
      ),
    ).toEqual(['2024-01-02', 'm1-snapshot-3-jpg-j.jpg'])
  })

  it('never lets a value create folders: a slash in a title stays inside one segment', () => {
    const segments = applyFileNameTemplate(
      '{title}/{definition}.{ext}',
      { title: '../../etc/passwd', definition: 'HD', ext: 'mp4' },
      keepAsIs,
    )
    expect(segments).toEqual(['../../etc/passwd', 'HD.mp4'])
  })

  it('hands hostile titles to the caller-supplied sanitizer segment by segment', () => {
    const seen: { segment: string; isFileName: boolean }[] = []
    const recording: SanitizeSegment = (segment, context) => {
      seen.push({ segment, isFileName: context.isFileName })
      return windowsSafe(segment, context)
    }
    expect(
      applyFileNameTemplate('{title}/{title}.{ext}', { title: 'CON', ext: 'mp4' }, recording),
    ).toEqual(['_CON', '_CON.mp4'])
    expect(seen).toEqual([
      { segment: 'CON', isFileName: false },
      { segment: 'CON.mp4', isFileName: true },
    ])
    expect(
      applyFileNameTemplate('{title}.{ext}', { title: 'a<b>:c', ext: 'mp4' }, windowsSafe),
    ).toEqual(['a_b__c.mp4'])
    expect(
      applyFileNameTemplate(
        '{title}/{definition}.{ext}',
        { title: '../../etc/passwd', definition: 'HD', ext: 'mp4' },
        windowsSafe,
      ),
    ).toEqual(['.._.._etc_passwd', 'HD.mp4'])
    expect(
      applyFileNameTemplate('{title}/x.{ext}', { title: '..', ext: 'mp4' }, windowsSafe),
    ).toEqual(['x.mp4'])
  })

  it('drops segments that come out empty instead of making nameless folders', () => {
    expect(applyFileNameTemplate('{title}/{definition}.{ext}', { ext: 'mp4' }, keepAsIs)).toEqual([
      '.mp4',
    ])
    expect(applyFileNameTemplate('{title}', {}, keepAsIs)).toEqual([])
  })
})

describe('findFileNameTemplateProblem', () => {
  it('accepts the default and nested folders', () => {
    expect(findFileNameTemplateProblem(defaultFileNameTemplate)).toBeNull()
    expect(findFileNameTemplateProblem('VOD/{date}/{title} [{definition}].{ext}')).toBeNull()
  })

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['{title', 'unclosed-brace'],
    ['{ti{tle}}', 'unclosed-brace'],
    ['title}', 'stray-brace'],
    ['{name}.{ext}', 'unknown-placeholder'],
    ['/{title}.{ext}', 'absolute'],
    ['C:/{title}.{ext}', 'absolute'],
    ['{title}\\{ext}', 'backslash'],
    ['{title}//{ext}', 'empty-segment'],
    ['{title}/', 'empty-segment'],
    ['../{title}.{ext}', 'dot-segment'],
    ['{title}/./x', 'dot-segment'],
    ['x'.repeat(513), 'too-long'],
  ])('reports %j as %s', (template, kind) => {
    expect(findFileNameTemplateProblem(template)?.kind).toBe(kind)
  })
})

describe('fileNameValuesForFile', () => {
  it('names files without a definition by kind and index', () => {
    expect(
      fileNameValuesForFile({
        title: 'T',
        mediaId: 'm',
        kind: 'snapshot',
        index: 3,
        format: 'jpg',
      }),
    ).toMatchObject({ definition: 'snapshot-003', index: '003', ext: 'jpg' })
    expect(
      fileNameValuesForFile({ title: 'T', mediaId: 'm', kind: 'source', ext: 'mov' }),
    ).toMatchObject({ definition: 'source', ext: 'mov', index: null })
    expect(
      fileNameValuesForFile({
        title: 'T',
        mediaId: 'm',
        kind: 'rendition',
        definition: 'HD',
        format: 'm3u8',
        ext: 'mp4',
      }),
    ).toMatchObject({ definition: 'HD', format: 'm3u8', ext: 'mp4' })
  })
})

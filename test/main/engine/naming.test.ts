import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { avoidTemporarySuffix, desiredFileName } from '../../../src/main/engine/naming'
import { asyncPublishOperations, publishPartFile } from '../../../src/main/engine/finalize'

describe('final names never look like unfinished downloads', () => {
  it('turns a temporary ending into a plain one', () => {
    expect(avoidTemporarySuffix('notes.part')).toBe('notes-part')
    expect(avoidTemporarySuffix('Take 3.PART')).toBe('Take 3-PART')
    expect(avoidTemporarySuffix('segments.parts')).toBe('segments-parts')
    expect(avoidTemporarySuffix('0.ts.decrypting')).toBe('0.ts-decrypting')
    expect(avoidTemporarySuffix('.part')).toBe('.part')
    expect(avoidTemporarySuffix('master.mp4')).toBe('master.mp4')
    expect(avoidTemporarySuffix('partner.mov')).toBe('partner.mov')
  })

  it('applies to every source of a name', () => {
    const base = { contentDisposition: undefined, suggested: undefined }
    expect(desiredFileName({ ...base, requested: 'a/b.part', url: 'http://x/y' })).toBe('a/b-part')
    expect(desiredFileName({ ...base, requested: null, url: 'http://x/clip.mp4.part' })).toBe(
      'clip.mp4-part',
    )
    expect(
      desiredFileName({
        requested: null,
        contentDisposition: 'attachment; filename="x.part"',
        suggested: undefined,
        url: 'http://x/y',
      }),
    ).toBe('x-part')
  })
})

describe('publishing where hard links are not supported', () => {
  let folder: string
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'vod-publish-'))
  })
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  const withoutLinks = {
    ...asyncPublishOperations,
    link: () => {
      throw Object.assign(new Error('links not supported'), { code: 'EPERM' })
    },
  }

  it('reserves the name exclusively, then renames over the reservation', async () => {
    await writeFile(join(folder, 'clip.mp4.part'), 'new bytes')
    const name = await publishPartFile(
      folder,
      'clip.mp4',
      join(folder, 'clip.mp4.part'),
      withoutLinks,
    )
    expect(name).toBe('clip.mp4')
    expect(await readFile(join(folder, 'clip.mp4'), 'utf8')).toBe('new bytes')
    expect(await readdir(folder)).toEqual(['clip.mp4'])
  })

  it('never replaces a file that appears under the name before the rename', async () => {
    await writeFile(join(folder, 'clip.mp4.part'), 'new bytes')
    // Another publisher takes the name at the last moment: between a check and the rename.
    const racing = {
      ...withoutLinks,
      reserve: async (path: string) => {
        if (path.endsWith('clip.mp4')) await writeFile(path, 'theirs')
        return asyncPublishOperations.reserve(path)
      },
    }
    const name = await publishPartFile(folder, 'clip.mp4', join(folder, 'clip.mp4.part'), racing)
    expect(name).toBe('clip (1).mp4')
    expect(await readFile(join(folder, 'clip.mp4'), 'utf8')).toBe('theirs')
    expect(await readFile(join(folder, 'clip (1).mp4'), 'utf8')).toBe('new bytes')
  })
})

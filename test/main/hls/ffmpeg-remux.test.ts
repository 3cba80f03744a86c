import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findExecutable, remuxArguments } from '../../../src/main/hls/ffmpeg-remux'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vod-path-'))
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('findExecutable', () => {
  it('finds an executable file in a PATH folder and ignores files that are not executable', async () => {
    const empty = join(folder, 'empty')
    const tools = join(folder, 'tools')
    await writeFile(join(folder, 'ffmpeg'), '')
    await mkdir(tools)
    await mkdir(empty)
    await writeFile(join(tools, 'ffmpeg'), '#!/bin/sh\n')
    await chmod(join(tools, 'ffmpeg'), 0o755)
    const path = [empty, folder, tools].join(delimiter)
    expect(findExecutable('ffmpeg', { PATH: path }, 'linux')).toBe(join(tools, 'ffmpeg'))
    expect(findExecutable('ffmpeg', { PATH: empty }, 'linux')).toBeUndefined()
    expect(findExecutable('ffmpeg', {}, 'linux')).toBeUndefined()
  })
})

describe('remuxArguments', () => {
  it('copies the streams into MP4, fixing AAC for MP4', () => {
    const args = remuxArguments('/x/index.m3u8', '/x/out.mp4')
    expect(args.join(' ')).toMatch(/-i \/x\/index\.m3u8 -c copy -bsf:a aac_adtstoasc/)
    expect(args.at(-1)).toBe('/x/out.mp4')
  })
})

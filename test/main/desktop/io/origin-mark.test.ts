import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OriginMarkIo } from '../../../../src/main/desktop/io/origin-mark'
import { createOriginMarkIo, markDownloadedFile } from '../../../../src/main/desktop/io/origin-mark'

const origin = {
  hostUrl: 'https://cdn.example.com/video/master.mov',
  referrerUrl: null,
}
const now = 0x5f3b4c2d * 1000

let root: string
let file: string

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'vod-origin-mark-'))
  file = path.join(root, 'master.mov')
  await writeFile(file, 'media bytes')
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** The real file system, with the platform and clock chosen by the test and commands recorded. */
function io(platform: NodeJS.Platform): OriginMarkIo & { commands: string[][] } {
  const commands: string[][] = []
  return {
    ...createOriginMarkIo(platform),
    run: (command, args) => {
      commands.push([command, ...args])
      return Promise.resolve()
    },
    now: () => now,
    commands,
  }
}

describe('markDownloadedFile', () => {
  it('on Windows writes the Zone.Identifier stream next to the file, byte for byte', async () => {
    // On Linux `<file>:Zone.Identifier` is an ordinary file with a colon in its name: the same
    // path string Windows opens as the alternate data stream.
    const windows = io('win32')
    expect(await markDownloadedFile(file, origin, windows)).toBe('zone-identifier')
    expect(await readFile(`${file}:Zone.Identifier`, 'utf8')).toBe(
      '[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=https://cdn.example.com/video/master.mov\r\n',
    )
    expect(await readFile(file, 'utf8')).toBe('media bytes')
    expect(windows.commands).toEqual([])
  })

  it('on macOS runs /usr/bin/xattr with the quarantine value and the file path', async () => {
    const mac = io('darwin')
    expect(await markDownloadedFile(file, { hostUrl: null, referrerUrl: null }, mac)).toBe('xattr')
    expect(mac.commands).toEqual([
      ['/usr/bin/xattr', '-w', 'com.apple.quarantine', '0081;5f3b4c2d;VOD Downloader;', file],
    ])
    expect(await readdir(root)).toEqual(['master.mov'])
  })

  it('on macOS also records where the file came from', async () => {
    const mac = io('darwin')
    await markDownloadedFile(file, origin, mac)
    expect(mac.commands.map((command) => command.slice(0, 3))).toEqual([
      ['/usr/bin/xattr', '-w', 'com.apple.quarantine'],
      ['/usr/bin/xattr', '-wx', 'com.apple.metadata:kMDItemWhereFroms'],
    ])
    expect(mac.commands[1]?.[4]).toBe(file)
  })

  it('writes nothing on Linux', async () => {
    const linux = io('linux')
    expect(await markDownloadedFile(file, origin, linux)).toBe('none')
    expect(await readdir(root)).toEqual(['master.mov'])
    expect(linux.commands).toEqual([])
  })

  it('rejects when the write fails, for the caller to log', async () => {
    const windows = io('win32')
    await rm(root, { recursive: true, force: true })
    await expect(markDownloadedFile(file, origin, windows)).rejects.toThrow()
    expect(existsSync(`${file}:Zone.Identifier`)).toBe(false)
  })

  it('runs a real program without a shell and reports its failure', async () => {
    const real = createOriginMarkIo('linux')
    await expect(real.run(process.execPath, ['-e', 'process.exit(0)'])).resolves.toBeUndefined()
    await expect(real.run(process.execPath, ['-e', 'process.exit(3)'])).rejects.toThrow()
  })
})

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportDescription } from '../../../src/main/lists/export-format'
import type { ExportRow } from '../../../src/main/lists/export-rows'
import { emptyTally, tallyItem } from '../../../src/main/lists/export-tally'
import { ExportWriter } from '../../../src/main/lists/export-writer'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vod-export-writer-'))
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

const description: ExportDescription = {
  exportedAt: Date.UTC(2026, 0, 1),
  addressType: 'cdn',
  authTimeoutSeconds: 3600,
  selection: { mediaType: 'video', file: 'source' },
}

function row(index: number): ExportRow {
  return {
    mediaId: index.toString(16).padStart(32, '0'),
    mediaType: 'video',
    title: `批量生成视频 #${index}, "副本"`,
    kind: 'source',
    url: `https://vod.example.com/${index}.mp4?auth_key=1900000000-0-0-abc`,
    expiresAt: 1_900_000_000_000,
  }
}

describe('ExportWriter', () => {
  it('streams many rows into both files and names them only when finished', async () => {
    const csv = join(folder, 'list.csv')
    const json = join(folder, 'list.json')
    const writer = await ExportWriter.open(
      [
        { path: csv, format: 'csv' },
        { path: json, format: 'json' },
      ],
      description,
    )
    let tally = emptyTally()
    for (let index = 0; index < 3000; index++) {
      await writer.write([row(index)])
      tally = tallyItem(tally, [row(index)])
    }
    expect(await readdir(folder)).not.toContain('list.csv')
    await writer.finish(tally)
    expect((await readdir(folder)).sort()).toEqual(['list.csv', 'list.json'])
    const document = JSON.parse(await readFile(json, 'utf8')) as {
      rows: ExportRow[]
      rowCount: number
    }
    expect(document.rows).toHaveLength(3000)
    expect(document.rowCount).toBe(3000)
    expect(document.rows[2999]?.title).toBe(row(2999).title)
    const text = await readFile(csv, 'utf8')
    expect(text.startsWith('\uFEFF#')).toBe(true)
    expect(text.split('\r\n')).toHaveLength(3 + 3000 + 1)
  })

  it('leaves an existing list untouched and no temporary file when discarded', async () => {
    const csv = join(folder, 'list.csv')
    await writeFile(csv, 'older list')
    const writer = await ExportWriter.open([{ path: csv, format: 'csv' }], description)
    await writer.write([row(1)])
    await writer.discard()
    expect(await readdir(folder)).toEqual(['list.csv'])
    expect(await readFile(csv, 'utf8')).toBe('older list')
  })
})

describe('ExportWriter errors', () => {
  it('names the list it cannot write', async () => {
    const missing = join(folder, 'no-such-folder', 'list.csv')
    await expect(
      ExportWriter.open([{ path: missing, format: 'csv' }], description),
    ).rejects.toMatchObject({ code: 'FilePermission', detail: `cannot write ${missing} (ENOENT)` })
  })
})

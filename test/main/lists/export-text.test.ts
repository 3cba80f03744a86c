import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import type { ExportDescription } from '../../../src/main/lists/export-format'
import type { ExportRow } from '../../../src/main/lists/export-rows'
import { exportInto } from '../../../src/main/lists/export-run'
import { ExportText } from '../../../src/main/lists/export-text'
import { ExportWriter } from '../../../src/main/lists/export-writer'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vod-export-text-'))
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

const description: ExportDescription = {
  exportedAt: Date.UTC(2026, 2, 14, 10, 30),
  addressType: 'oss',
  authTimeoutSeconds: 7200,
  selection: { mediaType: 'video', match: "Title = 'launch'", file: 'source+cover' },
}

function row(index: number, failed = false): ExportRow {
  const base: ExportRow = {
    mediaId: index.toString(16).padStart(32, '0'),
    mediaType: 'video',
    title: index === 1 ? '=SUM(A1), "quoted"\nsecond line' : `发布会 #${index}`,
    kind: index % 2 === 0 ? 'source' : 'cover',
  }
  if (failed) return { ...base, error: { code: 'NoStream', message: 'no', messageZh: '无' } }
  return {
    ...base,
    url: `https://vod.example.com/${index}.mp4?Expires=1900000000&Signature=x`,
    expiresAt: 1_900_000_000_000 + index * 1000,
    size: 1000 + index,
  }
}

function* items(count: number): Generator<ExportRow[]> {
  for (let index = 0; index < count; index++) yield index === 3 ? [row(index, true)] : [row(index)]
}

describe('ExportText', () => {
  it('holds exactly the CSV and JSON the CLI writes to disk', async () => {
    const files = [
      { path: join(folder, 'list.csv'), format: 'csv' as const },
      { path: join(folder, 'list.json'), format: 'json' as const },
    ]
    const writer = await ExportWriter.open(files, description)
    const written = await exportInto(items(500), writer)
    await writer.finish(written)

    const text = new ExportText(['csv', 'json'], description)
    const seen: number[] = []
    const tally = await exportInto(items(500), text, (current) => seen.push(current.items))
    const texts = text.finish(tally)

    expect(tally).toEqual(written)
    expect(seen).toHaveLength(500)
    expect(tally).toMatchObject({ items: 500, rows: 500, failedRows: 1, failedItems: 1 })
    expect(tally.earliestExpiry).toBe(1_900_000_000_000)
    expect(texts.csv).toBe(await readFile(files[0]!.path, 'utf8'))
    expect(texts.json).toBe(await readFile(files[1]!.path, 'utf8'))
    const json = JSON.parse(texts.json ?? '') as { rowCount: number; failedRowCount: number }
    expect(json).toMatchObject({ rowCount: 500, failedRowCount: 1 })
  })

  it('produces only the formats asked for', async () => {
    const text = new ExportText(['json'], description)
    const texts = text.finish(await exportInto(items(0), text))
    expect(texts.csv).toBeUndefined()
    expect(JSON.parse(texts.json ?? '')).toMatchObject({ rows: [], rowCount: 0 })
  })

  it('stops with Unsupported, in words, when the list would outgrow its limit', async () => {
    const text = new ExportText(['csv'], description, 4096)
    const outcome = exportInto(items(100), text)
    await expect(outcome).rejects.toBeInstanceOf(AppError)
    await expect(
      exportInto(items(100), new ExportText(['csv'], description, 4096)),
    ).rejects.toThrow(/larger than .* MiB; narrow the filter/)
  })
})

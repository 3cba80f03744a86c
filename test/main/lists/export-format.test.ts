import { describe, expect, it } from 'vitest'
import { toErrorData } from '../../../src/shared/errors'
import { parseCsv } from '../../../src/main/lists/csv'
import {
  csvHead,
  csvRows,
  exportColumns,
  isoTime,
  jsonHead,
  jsonRows,
  jsonTail,
  signedAddressWarning,
  type ExportDescription,
} from '../../../src/main/lists/export-format'
import type { ExportRow } from '../../../src/main/lists/export-rows'
import { describeFailures, emptyTally, tallyItem } from '../../../src/main/lists/export-tally'

const description: ExportDescription = {
  exportedAt: Date.UTC(2026, 2, 14, 9, 30, 15, 250),
  addressType: 'oss',
  authTimeoutSeconds: 7200,
  selection: {
    mediaType: 'video',
    match: "Title in ('a','b')",
    file: 'rendition',
    definition: 'HD',
  },
}

const good: ExportRow = {
  mediaId: '93ab850b4f654b6e91d24d81d44d3a1e',
  mediaType: 'video',
  title: '@home, "直播" 回放\n第二行',
  kind: 'rendition',
  definition: 'HD',
  format: 'mp4',
  size: 1234,
  fileName: '@home.HD.mp4',
  url: 'https://outin-1.oss-cn-shanghai.aliyuncs.com/a.mp4?Expires=1773484215&OSSAccessKeyId=k&Signature=s%2B',
  expiresAt: Date.UTC(2026, 2, 14, 10, 30, 15),
}

const failed: ExportRow = {
  mediaId: '5aed0c5e8e6f4d0f9c1a2b3c4d5eaf4b',
  mediaType: 'video',
  title: 'Transcoding',
  kind: 'rendition',
  definition: 'HD',
  error: toErrorData('IllegalStatus', 'GetPlayInfo: Forbidden.IllegalStatus, Transcoding'),
}

describe('isoTime', () => {
  it('writes UTC to the second', () => {
    expect(isoTime(description.exportedAt)).toBe('2026-03-14T09:30:15Z')
  })
})

describe('CSV export', () => {
  it('starts with a BOM, the warning, the settings and the header', () => {
    const head = csvHead(description)
    expect(head.startsWith('\uFEFF# WARNING: these download URLs are signed')).toBe(true)
    const lines = head.slice(1).split('\r\n')
    expect(lines[0]).toBe(`# ${signedAddressWarning}`)
    expect(lines[1]).toBe(
      '# VOD Downloader address list exported 2026-03-14T09:30:15Z; address type oss; AuthTimeout 7200 s; media video; file rendition; definition HD',
    )
    expect(lines[2]).toBe(exportColumns.join(','))
    expect(lines[3]).toBe('')
  })

  it('writes rows a CSV reader gets back exactly, with the formula guard on free text', () => {
    const text = csvHead(description) + csvRows([good, failed])
    const records = parseCsv(text, { comments: true })
    const [header, first, second] = records.map((record) => ('cells' in record ? record.cells : []))
    expect(header).toEqual([...exportColumns])
    const cell = (row: string[] | undefined, column: (typeof exportColumns)[number]) =>
      row?.[exportColumns.indexOf(column)]
    expect(cell(first, 'title')).toBe(`'${good.title}`)
    expect(cell(first, 'fileName')).toBe("'@home.HD.mp4")
    expect(cell(first, 'url')).toBe(good.url)
    expect(cell(first, 'expiresAt')).toBe('2026-03-14T10:30:15Z')
    expect(cell(first, 'size')).toBe('1234')
    expect(cell(first, 'errorCode')).toBe('')
    expect(cell(second, 'url')).toBe('')
    expect(cell(second, 'expiresAt')).toBe('')
    expect(cell(second, 'errorCode')).toBe('IllegalStatus')
    expect(cell(second, 'error')).toMatch(/not in the Normal state.*Transcoding/)
    expect(records[2]?.line).toBe(6)
  })
})

describe('JSON export', () => {
  it('is one valid document built from head, row batches and tail', () => {
    let tally = emptyTally()
    tally = tallyItem(tally, [good])
    tally = tallyItem(tally, [failed])
    const text =
      jsonHead(description) +
      jsonRows([good], false) +
      jsonRows([failed], true) +
      jsonTail(tally, true)
    const document = JSON.parse(text) as Record<string, unknown>
    expect(document).toMatchObject({
      warning: signedAddressWarning,
      exportedAt: '2026-03-14T09:30:15Z',
      addressType: 'oss',
      authTimeoutSeconds: 7200,
      selection: description.selection,
      itemCount: 2,
      rowCount: 2,
      failedItemCount: 1,
      failedRowCount: 1,
      earliestExpiresAt: '2026-03-14T10:30:15Z',
      latestExpiresAt: '2026-03-14T10:30:15Z',
    })
    const rows = document.rows as Array<Record<string, unknown>>
    expect(rows[0]).toMatchObject({
      title: good.title,
      fileName: good.fileName,
      expiresAt: '2026-03-14T10:30:15Z',
      error: null,
    })
    expect(rows[1]).toMatchObject({
      url: null,
      expiresAt: null,
      format: null,
      error: { code: 'IllegalStatus' },
    })
  })

  it('is valid without rows too', () => {
    const document = JSON.parse(jsonHead(description) + jsonTail(emptyTally(), false)) as {
      rows: unknown[]
      rowCount: number
      earliestExpiresAt: unknown
    }
    expect(document.rows).toEqual([])
    expect(document.rowCount).toBe(0)
    expect(document.earliestExpiresAt).toBeNull()
  })
})

describe('tally', () => {
  it('counts failed rows and items by code and keeps the expiry bounds', () => {
    const later = { ...good, expiresAt: (good.expiresAt ?? 0) + 60_000 }
    let tally = tallyItem(emptyTally(), [good, later, failed])
    tally = tallyItem(tally, [failed, { ...failed, error: toErrorData('NoStream') }])
    expect(tally).toMatchObject({
      items: 2,
      rows: 5,
      failedRows: 3,
      failedItems: 2,
      earliestExpiry: good.expiresAt,
      latestExpiry: later.expiresAt,
    })
    expect(describeFailures(tally)).toBe('IllegalStatus 2, NoStream 1')
  })
})

import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { pumpBody, type PumpTarget } from '../../../src/main/engine/body-pump'
import { HttpClient } from '../../../src/main/engine/http-client'
import { NetworkBufferReclaim } from '../../../src/main/engine/network-buffer-reclaim'
import { PartFile } from '../../../src/main/engine/part-file'
import { TokenBucket } from '../../../src/main/engine/token-bucket'

// The one body pump of files and HLS segments, against a real server and a real part file.

const size = 3 * 1024 * 1024 + 123
const content = Buffer.alloc(size)
for (let index = 0; index < size; index++) content[index] = (index * 7 + (index >> 11)) & 0xff

let server: Server | undefined
let folder: string | undefined
const http = new HttpClient()

afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  server = undefined
  if (folder) rmSync(folder, { recursive: true, force: true })
  folder = undefined
})

type Behaviour = 'whole' | 'break-midway' | 'html' | 'stall'

async function serve(behaviour: Behaviour): Promise<string> {
  server = createServer((_request, response) => {
    if (behaviour === 'html') {
      response.writeHead(200, { 'content-type': 'application/octet-stream' })
      response.end('<!DOCTYPE html><html><body>quota exceeded</body></html>')
      return
    }
    response.writeHead(200, { 'content-length': String(size) })
    if (behaviour === 'stall') {
      response.write(content.subarray(0, 1000))
      return
    }
    if (behaviour === 'break-midway') {
      response.write(content.subarray(0, 1024 * 1024 + 17), () => response.socket?.destroy())
      return
    }
    response.end(content)
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}/file.bin`
}

async function partFile(): Promise<PartFile> {
  folder = mkdtempSync(join(tmpdir(), 'body-pump-'))
  const file = await PartFile.open(join(folder, 'file.bin.part'), 'replace')
  await file.allocate(size)
  return file
}

const settings = {
  stallTimeoutMs: 30_000,
  writeBatchBytes: 256 * 1024,
  maxUnknownLengthBytes: 1024 * 1024 * 1024,
}

function target(
  file: PartFile,
  end: () => number,
  writes: Array<{ count: number; position: number }>,
): PumpTarget {
  return {
    sink: file,
    start: 0,
    end,
    endsWithBody: () => end() === size,
    sniffAs: 'file.bin',
    onWritten: (_buffers, count, position) => writes.push({ count, position }),
  }
}

const unlimited = (): TokenBucket => new TokenBucket({ bytesPerSecond: 0 })

/** Serves `behaviour`, pumps the whole body into a fresh part file and closes it. */
async function pumpFrom(
  behaviour: Behaviour,
  overrides: Partial<typeof settings> = {},
): Promise<{ outcome: Promise<number>; writes: Array<{ count: number; position: number }> }> {
  const url = await serve(behaviour)
  const file = await partFile()
  const writes: Array<{ count: number; position: number }> = []
  const response = await http.open(url, {}, new AbortController().signal)
  const outcome = pumpBody(
    response,
    target(file, () => size, writes),
    {
      settings: { ...settings, ...overrides },
      limiter: unlimited(),
      signal: new AbortController().signal,
    },
  ).finally(() => file.close())
  return { outcome, writes }
}

describe('pumpBody', () => {
  it('writes the body in order, in batches, and reports each batch after it is on the file', async () => {
    const url = await serve('whole')
    const file = await partFile()
    const writes: Array<{ count: number; position: number }> = []
    const response = await http.open(url, {}, new AbortController().signal)
    const written = await pumpBody(
      response,
      target(file, () => size, writes),
      {
        settings,
        limiter: unlimited(),
        signal: new AbortController().signal,
      },
    )
    await file.close()
    expect(written).toBe(size)
    // Contiguous and in order, although the next batch is gathered while one is written.
    let next = 0
    for (const write of writes) {
      expect(write.position).toBe(next)
      expect(write.count).toBeLessThanOrEqual(settings.writeBatchBytes + 64 * 1024)
      next += write.count
    }
    expect(next).toBe(size)
    expect(readFileSync(join(folder as string, 'file.bin.part')).equals(content)).toBe(true)
  })

  it('notes every byte it receives to the buffer reclaim', async () => {
    const url = await serve('whole')
    const file = await partFile()
    let collections = 0
    const reclaim = new NetworkBufferReclaim(() => (collections += 1), 1024 * 1024)
    const response = await http.open(url, {}, new AbortController().signal)
    await pumpBody(
      response,
      target(file, () => size, []),
      {
        settings,
        limiter: unlimited(),
        signal: new AbortController().signal,
        reclaim,
      },
    )
    await file.close()
    // 3 MiB and a bit: a collection after each full MiB.
    expect(collections).toBe(3)
  })

  it('stops at an end moved closer while it reads (work stealing)', async () => {
    const url = await serve('whole')
    const file = await partFile()
    const writes: Array<{ count: number; position: number }> = []
    let end = size
    const response = await http.open(url, {}, new AbortController().signal)
    const pumped = pumpBody(
      response,
      {
        ...target(file, () => end, writes),
        onPending: () => {
          // Another connection takes the second half once the first bytes are in.
          if (end === size) end = 1024 * 1024
        },
      },
      { settings, limiter: unlimited(), signal: new AbortController().signal },
    )
    expect(await pumped).toBe(1024 * 1024)
    await file.close()
    const written = readFileSync(join(folder as string, 'file.bin.part')).subarray(0, 1024 * 1024)
    expect(written.equals(content.subarray(0, 1024 * 1024))).toBe(true)
  })

  it('keeps and reports the bytes that arrived before the connection broke', async () => {
    const { outcome, writes } = await pumpFrom('break-midway')
    await expect(outcome).rejects.toThrow()
    const reported = writes.reduce((sum, write) => sum + write.count, 0)
    expect(reported).toBe(1024 * 1024 + 17)
    const onDisk = readFileSync(join(folder as string, 'file.bin.part')).subarray(0, reported)
    expect(onDisk.equals(content.subarray(0, reported))).toBe(true)
  })

  it('refuses an error page sent as the first bytes of a file, writing nothing', async () => {
    const { outcome, writes } = await pumpFrom('html')
    await expect(outcome).rejects.toMatchObject({ code: 'ErrorPage' })
    expect(writes).toEqual([])
  })

  it('drops a response that stops sending (stall watchdog), keeping what came', async () => {
    const { outcome, writes } = await pumpFrom('stall', { stallTimeoutMs: 300 })
    await expect(outcome).rejects.toMatchObject({ code: 'Timeout' })
    expect(writes).toEqual([{ count: 1000, position: 0 }])
  })
})

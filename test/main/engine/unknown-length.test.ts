import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestEngine, type TestEngine } from '../../support/engine-harness'

// A server that never stops: chunked bodies with no Content-Length, for a plain file and for the
// segment of an HLS playlist. What it sends is counted, to show the client stopped reading.

const cap = 1024 * 1024
let server: Server | undefined
let engine: TestEngine | undefined
let sentBytes = 0

afterEach(async () => {
  await engine?.cleanup()
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  server = engine = undefined
  sentBytes = 0
})

async function startEndlessServer(): Promise<string> {
  const chunk = Buffer.alloc(64 * 1024, 0x47)
  server = createServer((request, response) => {
    if (request.url?.endsWith('.m3u8')) {
      const playlist = '#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\nendless.ts\n#EXT-X-ENDLIST\n'
      response.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' })
      response.end(playlist)
      return
    }
    // Chunked, no length, forever (until the client goes away or a generous safety stop).
    response.writeHead(200, { 'content-type': 'video/mp2t' })
    const write = (): void => {
      while (!response.destroyed && sentBytes < 64 * cap) {
        sentBytes += chunk.length
        if (!response.write(chunk)) {
          response.once('drain', write)
          return
        }
      }
      if (!response.destroyed) response.end()
    }
    write()
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`
}

describe('a response that states no length', () => {
  it('stops a plain file past the limit with a clear error, keeping the job and its bytes', async () => {
    const origin = await startEndlessServer()
    engine = await createTestEngine({ settings: { maxUnknownLengthBytes: cap } })
    const job = engine.manager.add({
      source: { kind: 'url', url: `${origin}/stream.bin` },
      directory: engine.directory,
    })
    engine.manager.start()
    const done = await engine.waitForState(job.id, ['failed', 'completed', 'paused'])
    expect(done.state).toBe('failed')
    expect(done.error?.code).toBe('BodyTooLarge')
    expect(done.error?.messageZh).toContain('大小上限')
    expect(sentBytes).toBeLessThan(16 * cap)
    const part = statSync(join(engine.directory, 'stream.bin.part'))
    expect(part.size).toBeGreaterThan(0)
    expect(part.size).toBeLessThanOrEqual(cap + 256 * 1024)
  })

  it('stops an HLS segment past the limit the same way', async () => {
    const origin = await startEndlessServer()
    engine = await createTestEngine({ settings: { maxUnknownLengthBytes: cap } })
    const job = engine.manager.add({
      source: { kind: 'url', url: `${origin}/live/index.m3u8` },
      directory: engine.directory,
    })
    engine.manager.start()
    const done = await engine.waitForState(job.id, ['failed', 'completed', 'paused'])
    expect(done.state).toBe('failed')
    expect(done.error?.code).toBe('BodyTooLarge')
    expect(sentBytes).toBeLessThan(16 * cap)
  })
})

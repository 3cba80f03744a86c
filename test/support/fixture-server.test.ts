import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { crc64, formatCrc64 } from '../../src/shared/crc64'
import {
  syntheticBlockSize,
  contentCrc64,
  contentMd5Base64,
  contentSha256,
  contentSlice,
} from '../../src/emulator/synthetic-content'
import { startFixtureServer, type FixtureServer } from './fixture-server'

/** What a raw node:http client saw, including a body cut short by the server. */
interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  /** False when the connection ended before the declared body was complete. */
  complete: boolean
}

/**
 * A GET (or HEAD) on a fresh connection that never rejects on a cut body: the test wants to see
 * exactly what arrived.
 */
function rawRequest(
  url: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      // An 'aborted' error is expected for cut bodies; 'close' reports it through `complete`.
      response.on('error', () => undefined)
      response.on('close', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
          complete: response.complete,
        }),
      )
    })
    request.on('error', reject)
    request.end()
  })
}

function expectedBytes(seed: number, start: number, endExclusive: number): Buffer {
  return Buffer.concat(contentSlice(seed, start, endExclusive))
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

describe('fixture content', () => {
  it('is deterministic, differs per seed and per block, and slices consistently', () => {
    const size = 2 * syntheticBlockSize + 777
    const whole = expectedBytes(5, 0, size)
    expect(whole.length).toBe(size)
    expect(expectedBytes(5, 0, size).equals(whole)).toBe(true)
    expect(expectedBytes(6, 0, 4096).equals(whole.subarray(0, 4096))).toBe(false)
    const firstBlock = whole.subarray(0, 4096)
    const secondBlock = whole.subarray(syntheticBlockSize, syntheticBlockSize + 4096)
    expect(firstBlock.equals(secondBlock)).toBe(false)
    // A range crossing a block boundary agrees with the whole file.
    const start = syntheticBlockSize - 1000
    const end = syntheticBlockSize + 5000
    expect(expectedBytes(5, start, end).equals(whole.subarray(start, end))).toBe(true)
    expect(contentSlice(5, 10, 10)).toEqual([])
  })

  it('computes sha256, md5 and crc64 equal to hashing the bytes', () => {
    for (const size of [0, 1, 1000, syntheticBlockSize, 3 * syntheticBlockSize + 123]) {
      const bytes = expectedBytes(11, 0, size)
      expect(contentSha256(11, size)).toBe(sha256(bytes))
      expect(contentMd5Base64(11, size)).toBe(createHash('md5').update(bytes).digest('base64'))
      expect(contentCrc64(11, size)).toBe(crc64(bytes))
    }
  })
})

describe('fixture server', () => {
  let server: FixtureServer
  const plainSize = 2 * syntheticBlockSize + 12_345
  /** "中文.mp4" in GBK, as raw header bytes. */
  const gbkName = Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0x2e, 0x6d, 0x70, 0x34])

  beforeAll(async () => {
    server = await startFixtureServer([
      {
        path: '/files/plain.bin',
        size: plainSize,
        seed: 42,
        crc64Header: true,
        contentMd5Header: true,
        contentType: 'video/mp4',
        contentDisposition: `attachment; filename="${gbkName.toString('latin1')}"`,
      },
      { path: '/files/small.bin', size: 100_000 },
    ])
  })

  afterAll(async () => {
    await server.close()
  })

  it('serves the whole file with validators and OSS checksums', async () => {
    const response = await fetch(server.url('/files/plain.bin'))
    const body = Buffer.from(await response.arrayBuffer())
    expect(response.status).toBe(200)
    expect(sha256(body)).toBe(contentSha256(42, plainSize))
    expect(server.file('/files/plain.bin').sha256).toBe(contentSha256(42, plainSize))
    expect(response.headers.get('content-length')).toBe(String(plainSize))
    expect(response.headers.get('content-type')).toBe('video/mp4')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(response.headers.get('etag')).toMatch(/^"[0-9A-F]{32}"$/)
    expect(response.headers.get('etag')).toBe(server.file('/files/plain.bin').etag)
    expect(response.headers.get('last-modified')).toBe('Mon, 01 Jan 2024 00:00:00 GMT')
    expect(response.headers.get('x-oss-hash-crc64ecma')).toBe(
      formatCrc64(contentCrc64(42, plainSize)),
    )
    expect(response.headers.get('content-md5')).toBe(contentMd5Base64(42, plainSize))
    await server.waitForIdle()
    const record = server.log.at(-1)!
    expect(record).toMatchObject({
      path: '/files/plain.bin',
      method: 'GET',
      status: 200,
      bytesSent: plainSize,
      aborted: false,
      finished: true,
    })
  })

  it('answers HEAD with the headers only', async () => {
    const response = await rawRequest(server.url('/files/plain.bin'), {}, 'HEAD')
    expect(response.status).toBe(200)
    expect(response.headers['content-length']).toBe(String(plainSize))
    expect(response.body.length).toBe(0)
  })

  it('serves byte-exact ranges: a-b, a-, -n', async () => {
    const seed = server.file('/files/plain.bin').seed
    const cases: [string, number, number][] = [
      ['bytes=0-0', 0, 1],
      ['bytes=1000-1999', 1000, 2000],
      // Crosses the block boundary.
      [
        `bytes=${syntheticBlockSize - 10}-${syntheticBlockSize + 10}`,
        syntheticBlockSize - 10,
        syntheticBlockSize + 11,
      ],
      [`bytes=${plainSize - 100}-`, plainSize - 100, plainSize],
      ['bytes=-500', plainSize - 500, plainSize],
      [`bytes=-${plainSize + 10}`, 0, plainSize],
      [`bytes=10-${plainSize + 1000}`, 10, plainSize],
    ]
    for (const [range, start, end] of cases) {
      const response = await rawRequest(server.url('/files/plain.bin'), { Range: range })
      expect(response.status, range).toBe(206)
      expect(response.headers['content-range'], range).toBe(
        `bytes ${start}-${end - 1}/${plainSize}`,
      )
      expect(response.headers['content-length'], range).toBe(String(end - start))
      expect(response.headers['content-md5'], range).toBeUndefined()
      expect(response.headers['x-oss-hash-crc64ecma'], range).toBeDefined()
      expect(response.body.equals(expectedBytes(seed, start, end)), range).toBe(true)
    }
  })

  it('answers 416 past the end and 200 for multiple ranges', async () => {
    const past = await rawRequest(server.url('/files/small.bin'), { Range: 'bytes=100000-' })
    expect(past.status).toBe(416)
    expect(past.headers['content-range']).toBe('bytes */100000')
    expect(past.body.toString()).toContain('<Code>InvalidRange</Code>')
    const multiple = await rawRequest(server.url('/files/small.bin'), {
      Range: 'bytes=0-9,20-29',
    })
    expect(multiple.status).toBe(200)
    expect(multiple.body.length).toBe(100_000)
  })

  it('ignores an invalid range (last before first) even when it starts past the end', async () => {
    server.addFile({ path: '/files/hundred.bin', size: 100 })
    const response = await rawRequest(server.url('/files/hundred.bin'), { Range: 'bytes=500-100' })
    expect(response.status).toBe(200)
    expect(response.headers['content-range']).toBeUndefined()
    expect(response.body.length).toBe(100)
  })

  it("answers a range past the end as OSS does with rangeBehavior 'oss'", async () => {
    server.addFile({ path: '/files/oss.bin', size: 1000, rangeBehavior: 'oss' })
    const url = server.url('/files/oss.bin')
    // OSS documentation: without `x-oss-range-behavior: standard` the Range is ignored.
    const lenient = await rawRequest(url, { Range: 'bytes=500-2000' })
    expect(lenient.status).toBe(200)
    expect(lenient.body.length).toBe(1000)
    expect((await rawRequest(url, { Range: 'bytes=1000-' })).status).toBe(200)
    const cut = await rawRequest(url, {
      Range: 'bytes=500-2000',
      'x-oss-range-behavior': 'standard',
    })
    expect(cut.status).toBe(206)
    expect(cut.headers['content-range']).toBe('bytes 500-999/1000')
    const refused = await rawRequest(url, {
      Range: 'bytes=1000-2000',
      'x-oss-range-behavior': 'standard',
    })
    expect(refused.status).toBe(416)
    expect(refused.body.toString()).toContain('<Code>InvalidRange</Code>')
  })

  it('honours If-Range: a matching strong ETag or date gives 206, anything else 200', async () => {
    const { etag, seed } = server.file('/files/small.bin')
    const lastModified = 'Mon, 01 Jan 2024 00:00:00 GMT'
    const ask = (ifRange: string): Promise<RawResponse> =>
      rawRequest(server.url('/files/small.bin'), { Range: 'bytes=10-19', 'If-Range': ifRange })
    expect((await ask(etag!)).status).toBe(206)
    expect((await ask(lastModified)).status).toBe(206)
    const mismatch = await ask('"0123456789ABCDEF0123456789ABCDEF"')
    expect(mismatch.status).toBe(200)
    expect(mismatch.body.equals(expectedBytes(seed, 0, 100_000))).toBe(true)
    expect((await ask(`W/${etag!}`)).status).toBe(200)
    expect((await ask('Tue, 02 Jan 2024 00:00:00 GMT')).status).toBe(200)
  })

  it('answers an unknown path with a 404 NoSuchKey XML body', async () => {
    const response = await fetch(server.url('/files/missing.bin'))
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('application/xml')
    expect(await response.text()).toContain('<Code>NoSuchKey</Code>')
  })

  it('sends Content-Disposition bytes verbatim', async () => {
    const response = await rawRequest(server.url('/files/plain.bin'), {}, 'HEAD')
    // node:http decodes header bytes as latin1, so this recovers the raw bytes.
    const raw = Buffer.from(response.headers['content-disposition']!, 'latin1')
    expect(
      raw.equals(Buffer.from(`attachment; filename="${gbkName.toString('latin1')}"`, 'latin1')),
    ).toBe(true)
    expect(raw.includes(gbkName)).toBe(true)
  })

  it('drops the connection after exactly N body bytes, dropCount times', async () => {
    server.addFile({
      path: '/faults/drop.bin',
      size: 50_000,
      faults: { dropAfterBytes: 12_345, dropCount: 1 },
    })
    const { seed } = server.file('/faults/drop.bin')
    const cut = await rawRequest(server.url('/faults/drop.bin'))
    expect(cut.status).toBe(200)
    expect(cut.complete).toBe(false)
    expect(cut.body.equals(expectedBytes(seed, 0, 12_345))).toBe(true)
    const whole = await rawRequest(server.url('/faults/drop.bin'))
    expect(whole.complete).toBe(true)
    expect(whole.body.equals(expectedBytes(seed, 0, 50_000))).toBe(true)
    await server.waitForIdle()
    const records = server.log.filter((record) => record.path === '/faults/drop.bin')
    expect(records.map((record) => [record.bytesSent, record.dropped, record.aborted])).toEqual([
      [12_345, true, false],
      [50_000, false, false],
    ])
    expect(server.bytesSent('/faults/drop.bin')).toBe(62_345)
    // setFaults re-arms the counters; a short range is below the threshold and is not cut.
    server.setFaults('/faults/drop.bin', { dropAfterBytes: 100, dropCount: 1 })
    const short = await rawRequest(server.url('/faults/drop.bin'), { Range: 'bytes=0-99' })
    expect(short.complete).toBe(true)
    const again = await rawRequest(server.url('/faults/drop.bin'), { Range: 'bytes=0-999' })
    expect(again.complete).toBe(false)
    expect(again.body.length).toBe(100)
  })

  it('answers a burst of 503s with Retry-After, then recovers', async () => {
    server.addFile({
      path: '/faults/burst.bin',
      size: 1000,
      faults: { statusBurst: { status: 503, count: 2, retryAfterSeconds: 3 } },
    })
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch(server.url('/faults/burst.bin'))
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('3')
      expect(await response.text()).toBe('503 Service Unavailable\n')
    }
    const recovered = await fetch(server.url('/faults/burst.bin'))
    expect(recovered.status).toBe(200)
    expect((await recovered.arrayBuffer()).byteLength).toBe(1000)
  })

  it('ignores Range when told to', async () => {
    server.addFile({ path: '/faults/norange.bin', size: 5000, faults: { ignoreRange: true } })
    const response = await rawRequest(server.url('/faults/norange.bin'), { Range: 'bytes=100-199' })
    expect(response.status).toBe(200)
    expect(response.headers['content-range']).toBeUndefined()
    expect(response.body.length).toBe(5000)
  })

  it('changes the object after N requests: new ETag, Last-Modified, bytes and size', async () => {
    server.addFile({
      path: '/faults/change.bin',
      size: 4000,
      faults: { changeContentAfterRequests: 2, changedSize: 3000 },
    })
    const before = server.file('/faults/change.bin')
    const first = await rawRequest(server.url('/faults/change.bin'))
    const second = await rawRequest(server.url('/faults/change.bin'))
    const third = await rawRequest(server.url('/faults/change.bin'))
    const after = server.file('/faults/change.bin')
    expect(first.headers.etag).toBe(before.etag)
    expect(second.body.equals(first.body)).toBe(true)
    expect(third.headers.etag).toBe(after.etag)
    expect(after.etag).not.toBe(before.etag)
    expect(after.seed).not.toBe(before.seed)
    expect(after.size).toBe(3000)
    expect(third.headers['last-modified']).not.toBe(first.headers['last-modified'])
    expect(sha256(third.body)).toBe(after.sha256)
    expect(sha256(first.body)).toBe(before.sha256)
    // Re-arming changes it again, here on the very next request.
    server.setFaults('/faults/change.bin', { changeContentAfterRequests: 0 })
    const fourth = await rawRequest(server.url('/faults/change.bin'))
    expect(fourth.headers.etag).toBe(server.file('/faults/change.bin').etag)
    expect(fourth.headers.etag).not.toBe(after.etag)
  })

  it('answers 200 text/html error pages N times', async () => {
    server.addFile({ path: '/faults/html.bin', size: 1000, faults: { htmlErrorWith200: 1 } })
    const page = await fetch(server.url('/faults/html.bin'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await page.text()).toBe('<html><body>Error: quota exceeded</body></html>')
    const file = await fetch(server.url('/faults/html.bin'))
    expect(file.headers.get('content-type')).toBe('application/octet-stream')
    expect((await file.arrayBuffer()).byteLength).toBe(1000)
  })

  it('checks OSS V1 signatures: valid, expired (exact XML), missing, wrong, wrong method', async () => {
    server.addFile({ path: '/signed/movie.mp4', size: 2000, faults: { signed: {} } })
    const signed = server.signUrl('/signed/movie.mp4', 60)
    const expires = Number(new URL(signed).searchParams.get('Expires'))
    expect((await fetch(signed)).status).toBe(200)

    const missing = await fetch(server.url('/signed/movie.mp4'))
    expect(missing.status).toBe(403)
    expect(await missing.text()).toContain('<Code>AccessDenied</Code>')

    const tampered = new URL(signed)
    tampered.searchParams.set('Signature', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=')
    const wrong = await fetch(tampered)
    expect(wrong.status).toBe(403)
    expect(await wrong.text()).toContain('<Code>SignatureDoesNotMatch</Code>')

    // Like OSS, the method is signed: a HEAD with a GET-signed URL is refused.
    expect((await rawRequest(signed, {}, 'HEAD')).status).toBe(403)

    server.setClockOffsetMs(61_000)
    try {
      const expired = await fetch(signed)
      expect(expired.status).toBe(403)
      expect(expired.headers.get('content-type')).toBe('application/xml')
      const body = await expired.text()
      // OSS error bodies end with the detailed error code (EC) and its troubleshooting link
      // (OSS documentation, "Error responses"; 0002-00000069 is the expired signed URL).
      const match =
        /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error>\n {2}<Code>AccessDenied<\/Code>\n {2}<Message>Request has expired\.<\/Message>\n {2}<RequestId>([0-9A-F]{24})<\/RequestId>\n {2}<HostId>127\.0\.0\.1<\/HostId>\n {2}<Expires>(.+)<\/Expires>\n {2}<ServerTime>(.+)<\/ServerTime>\n {2}<EC>0002-00000069<\/EC>\n {2}<RecommendDoc>https:\/\/api\.aliyun\.com\/troubleshoot\?q=0002-00000069<\/RecommendDoc>\n<\/Error>\n$/.exec(
          body,
        )
      expect(match, body).not.toBeNull()
      expect(match![1]).toBe(expired.headers.get('x-oss-request-id'))
      expect(match![2]).toBe(new Date(expires * 1000).toISOString())
      expect(Date.parse(match![3]!)).toBeGreaterThan(expires * 1000)
      // The Date header follows the shifted clock, so clients can measure the skew.
      expect(Date.parse(expired.headers.get('date')!)).toBeGreaterThan(Date.now() + 50_000)
      // Expiry is checked before the signature, as OSS does.
      tampered.searchParams.set('Expires', String(expires))
      expect(await (await fetch(tampered)).text()).toContain('Request has expired.')
      // A URL signed now, by the shifted clock, is valid again.
      expect((await fetch(server.signUrl('/signed/movie.mp4', 60))).status).toBe(200)
    } finally {
      server.setClockOffsetMs(0)
    }
  })

  it('delays the first byte by firstByteDelayMs', async () => {
    server.addFile({ path: '/faults/slow-start.bin', size: 100, faults: { firstByteDelayMs: 150 } })
    const started = performance.now()
    const response = await fetch(server.url('/faults/slow-start.bin'))
    const elapsed = performance.now() - started
    expect(response.status).toBe(200)
    await response.arrayBuffer()
    expect(elapsed).toBeGreaterThanOrEqual(145)
  })

  it('paces a throttled response', async () => {
    const rate = 1_000_000
    server.addFile({
      path: '/faults/slow.bin',
      size: 300_000,
      faults: { bytesPerSecondPerConnection: rate },
    })
    const started = performance.now()
    const response = await rawRequest(server.url('/faults/slow.bin'))
    const seconds = (performance.now() - started) / 1000
    expect(response.body.length).toBe(300_000)
    // The first slice (rate / 50) goes out at once, the rest at the rate.
    expect(seconds).toBeGreaterThanOrEqual((300_000 - rate / 50) / rate - 0.01)
  })

  it('marks responses whose client went away', async () => {
    server.addFile({
      path: '/faults/abandoned.bin',
      size: 1_000_000,
      faults: { bytesPerSecondPerConnection: 200_000 },
    })
    const request = httpRequest(server.url('/faults/abandoned.bin'), { agent: false })
    request.on('error', () => undefined)
    request.end()
    const [response] = (await once(request, 'response')) as [NodeJS.ReadableStream]
    response.on('error', () => undefined)
    await once(response, 'data')
    request.destroy()
    await server.waitForIdle()
    const record = server.log.at(-1)!
    expect(record).toMatchObject({ path: '/faults/abandoned.bin', aborted: true, finished: true })
    expect(record.bytesSent).toBeGreaterThan(0)
    expect(record.bytesSent).toBeLessThan(1_000_000)
  })

  it('shifts the range of a 206 when told to, with an honest Content-Range', async () => {
    server.addFile({
      path: '/faults/shifted.bin',
      size: 10_000,
      faults: { wrongRangeStartBy: 100, wrongRangeCount: 1 },
    })
    const { seed } = server.file('/faults/shifted.bin')
    const shifted = await rawRequest(server.url('/faults/shifted.bin'), {
      Range: 'bytes=1000-1999',
    })
    expect(shifted.status).toBe(206)
    expect(shifted.headers['content-range']).toBe('bytes 1100-2099/10000')
    expect(shifted.body.equals(expectedBytes(seed, 1100, 2100))).toBe(true)
    const correct = await rawRequest(server.url('/faults/shifted.bin'), {
      Range: 'bytes=1000-1999',
    })
    expect(correct.headers['content-range']).toBe('bytes 1000-1999/10000')
  })

  it('answers gzip with 200 and no range when the client accepts it', async () => {
    server.addFile({ path: '/faults/gzip.bin', size: 20_000, faults: { gzipWhenAccepted: true } })
    const { seed } = server.file('/faults/gzip.bin')
    // (fetch would send Accept-Encoding: identity with a Range, as the Fetch standard says.)
    const gzipped = await rawRequest(server.url('/faults/gzip.bin'), {
      Range: 'bytes=0-99',
      'Accept-Encoding': 'gzip, deflate, br',
    })
    expect(gzipped.status).toBe(200)
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    expect(gzipped.headers['content-range']).toBeUndefined()
    expect(gunzipSync(gzipped.body).equals(expectedBytes(seed, 0, 20_000))).toBe(true)
    const identity = await rawRequest(server.url('/faults/gzip.bin'), {
      Range: 'bytes=0-99',
      'Accept-Encoding': 'identity',
    })
    expect(identity.status).toBe(206)
    expect(identity.headers['content-encoding']).toBeUndefined()
  })

  it('runs as a separate process and exits cleanly on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('./fixture-server-cli.ts', import.meta.url))
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        cli,
        '--file',
        '/one.bin:1000:seed=7',
        '--files-dir-count',
        '/small/:3:64',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      const lines = createInterface({ input: child.stdout })
      const [line] = (await once(lines, 'line')) as [string]
      const { origin } = JSON.parse(line) as { origin: string }
      const one = Buffer.from(await (await fetch(`${origin}/one.bin`)).arrayBuffer())
      expect(one.equals(expectedBytes(7, 0, 1000))).toBe(true)
      const small = await fetch(`${origin}/small/2`)
      expect((await small.arrayBuffer()).byteLength).toBe(64)
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      expect(await exited).toEqual([0, null])
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
  })
})

describe('fixture server stalls', () => {
  it('goes silent after N bytes with the socket open until close()', async () => {
    const server = await startFixtureServer([
      { path: '/stall.bin', size: 100_000, faults: { stallAfterBytes: 5000 } },
    ])
    try {
      const request = httpRequest(server.url('/stall.bin'), { agent: false })
      request.on('error', () => undefined)
      request.end()
      const [response] = (await once(request, 'response')) as [NodeJS.ReadableStream]
      response.on('error', () => undefined)
      let received = 0
      let reachedStall: () => void = () => undefined
      const stalled = new Promise<void>((resolve) => (reachedStall = resolve))
      response.on('data', (chunk: Buffer) => {
        received += chunk.length
        if (received >= 5000) reachedStall()
      })
      await stalled
      // Absence of bytes can only be observed over time: give the server a short window.
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(received).toBe(5000)
      expect(server.log[0]).toMatchObject({ stalled: true, finished: false, bytesSent: 5000 })
      const ended = new Promise((resolve) => response.on('close', resolve))
      await server.close()
      await ended
      expect(received).toBe(5000)
      expect(server.log[0]).toMatchObject({ finished: true, aborted: false })
    } finally {
      await server.close()
    }
  })
})

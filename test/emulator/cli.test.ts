import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultCliPort, parseCliArguments } from '../../src/emulator/cli-options'

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url))

describe('emulator command line', () => {
  it('parses options', () => {
    expect(parseCliArguments([])).toEqual({ kind: 'start', options: { port: defaultCliPort } })
    expect(
      parseCliArguments([
        '--port',
        '0',
        '--url-lifetime',
        '60',
        '--extra-videos',
        '6000',
        '--large-source-mib',
        '8',
        '--extra-images',
        '20',
        '--extra-image-kib',
        '16',
        '--referer',
        'example.com',
        '--allow-empty-referer',
        '--deny-ip',
        '10.0.0.0/8',
      ]),
    ).toEqual({
      kind: 'start',
      options: {
        port: 0,
        maxUrlLifetimeSeconds: 60,
        extraVideos: 6000,
        largeSourceBytes: 8 * 1024 * 1024,
        extraImages: 20,
        extraImageBytes: 16 * 1024,
        cdn: {
          refererAllowList: ['example.com'],
          allowEmptyReferer: true,
          ipDenyList: ['10.0.0.0/8'],
        },
      },
    })
    expect(
      parseCliArguments([
        '--hls-cdn-segments',
        'pass-through',
        '--hls-oss-segments',
        'unsigned',
        '--hls-key-host',
        'separate',
      ]),
    ).toEqual({
      kind: 'start',
      options: {
        port: defaultCliPort,
        hls: { cdnSegments: 'pass-through', ossSegments: 'unsigned', keyHost: 'separate' },
      },
    })
    expect(() => parseCliArguments(['--hls-cdn-segments', 'signed'])).toThrow(
      '--hls-cdn-segments needs one of rewrite, pass-through, unsigned',
    )
    expect(parseCliArguments(['--help'])).toEqual({ kind: 'help' })
    expect(() => parseCliArguments(['--port', 'x'])).toThrow('--port')
    expect(() => parseCliArguments(['--bogus'])).toThrow()
  })

  it('starts, prints the endpoint and demo key, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/emulator/cli.ts', '--port', '0'],
      {
        cwd: repositoryRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => (output += chunk))
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    )
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8')
        child.stdout.on('data', (chunk: string) => {
          output += chunk
          if (output.includes('Press Ctrl+C to stop.')) resolve(output)
        })
        child.once('exit', () => reject(new Error(`the emulator exited early:\n${output}`)))
      })
      const endpoint = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? ''
      expect(banner).toContain('Region:            cn-shanghai')
      expect(banner).toContain('AccessKey ID:      LTAI5tVodEmulatorDemoKey')
      expect(banner).toContain("require('@alicloud/pop-core')")
      // Unsigned, so the gateway answers an error body: enough to know it is serving.
      const response = await fetch(`${endpoint}/?Action=GetPlayInfo&Format=JSON`)
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ Code: 'MissingVersion' })
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(output).toContain('Stopped.')
    } finally {
      // Never leave the child behind, even when an expectation failed.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
  })
})

import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { JobSnapshot } from '../../src/shared/jobs'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index'
import { contentSha256 } from '../../src/emulator/synthetic-content'
import { sha256File } from '../support/engine-harness'
import {
  committedBytes,
  useCliSandbox,
  waitFor,
  type CliOutcome,
  type CliProcess,
} from '../support/cli-process'

const MiB = 1024 * 1024

let emulator: RunningEmulator | undefined
const sandbox = useCliSandbox('vod-cli-vod-')

afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

interface Credentials {
  id: string
  secret: string
  token?: string
}

function start(args: string[], credentials?: Credentials): CliProcess {
  const running = emulator as RunningEmulator
  const login = credentials ?? { id: running.accessKeyId, secret: running.accessKeySecret }
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    VOD_DL_HOME: join(sandbox.root, 'home'),
    VOD_ENDPOINT: running.endpoint,
    ALIBABA_CLOUD_ACCESS_KEY_ID: login.id,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: login.secret,
  }
  delete environment.ALIBABA_CLOUD_SECURITY_TOKEN
  if (login.token) environment.ALIBABA_CLOUD_SECURITY_TOKEN = login.token
  const started = sandbox.start(args, environment)
  return started
}

function run(args: string[], credentials?: Credentials): Promise<CliOutcome> {
  return start(args, credentials).done
}

async function jobs(): Promise<JobSnapshot[]> {
  const listed = await run(['jobs', '--json'])
  return JSON.parse(listed.stdout) as JobSnapshot[]
}

function committed(): number {
  return committedBytes(join(sandbox.root, 'home', 'jobs.sqlite'))
}

async function boot(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  emulator = await startEmulator(options)
  return emulator
}

function largeSource(
  running: RunningEmulator,
  index = 0,
): { id: string; seed: number; size: number; fileName: string } {
  const id = running.library.roles.largeSources[index] as string
  const media = running.library.findMedia(id)
  if (!media?.source.seed) throw new Error('the demo library has no synthetic source')
  return { id, seed: media.source.seed, size: media.source.size, fileName: media.source.fileName }
}

function mezzanineCalls(running: RunningEmulator): number {
  return running.log.filter((entry) => entry.kind === 'api' && entry.action === 'GetMezzanineInfo')
    .length
}

describe('vod-dl vod against the VOD emulator', () => {
  it('searches, lists files and downloads an HD mp4 rendition', async () => {
    const running = await boot()
    const search = await run(['vod', 'search', '--limit', '3', '--json'])
    expect(search.code, search.stderr).toBe(0)
    expect(JSON.parse(search.stdout)).toHaveLength(3)
    const id = running.library.roles.normalWithHdMp4
    const files = await run(['vod', 'files', id, '--json'])
    const listed = JSON.parse(files.stdout) as {
      files: Array<{ kind: string; definition?: string; format?: string }>
    }
    expect(
      listed.files.some(
        (file) => file.kind === 'rendition' && file.definition === 'HD' && file.format === 'mp4',
      ),
    ).toBe(true)
    const get = await run([
      'vod',
      'get',
      id,
      '--file',
      'rendition',
      '--definition',
      'HD',
      '--format',
      'mp4',
      '-o',
      'out',
    ])
    expect(get.code, get.stderr).toBe(0)
    const [job] = await jobs()
    const stream = running.library
      .findMedia(id)
      ?.streams.find(
        (candidate) =>
          candidate.definition === 'HD' &&
          candidate.format === 'mp4' &&
          candidate.status === 'Normal',
      )
    expect((await fs.stat(join(sandbox.root, 'out', job?.fileName ?? ''))).size).toBe(stream?.size)
  })

  it('downloads a 300 MB source whose URL lives 3 s, renewing it several times, byte for byte', async () => {
    const running = await boot({
      largeSourceBytes: 300_000_000,
      maxUrlLifetimeSeconds: 3,
      cutMediaResponsesAfterBytes: 8 * MiB,
    })
    const source = largeSource(running)
    const result = await run([
      'vod',
      'get',
      source.id,
      '--file',
      'source',
      '--output-type',
      'oss',
      '-c',
      '4',
      '--limit',
      '30M',
      '-o',
      'out',
    ])
    expect(result.code, result.stderr).toBe(0)
    expect(await sha256File(join(sandbox.root, 'out', source.fileName))).toBe(
      contentSha256(source.seed, source.size),
    )
    // One call to list the files, one to resolve, and more to renew the expired address.
    expect(mezzanineCalls(running)).toBeGreaterThanOrEqual(4)
  })

  it('resumes after kill -9 once the original URL has expired', async () => {
    const running = await boot({ largeSourceBytes: 64 * MiB, maxUrlLifetimeSeconds: 3 })
    const source = largeSource(running)
    const first = start([
      'vod',
      'get',
      source.id,
      '--file',
      'source',
      '-c',
      '4',
      '--limit',
      '16M',
      '-o',
      'out',
    ])
    await waitFor(() => committed() > 16 * MiB)
    first.child.kill('SIGKILL')
    await first.done
    running.setClockOffsetMs(60_000) // every address handed out so far is now expired
    const resumed = await run(['resume', '--all'])
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(await sha256File(join(sandbox.root, 'out', source.fileName))).toBe(
      contentSha256(source.seed, source.size),
    )
  })

  it('sends the configured Referer to a protected CDN, and the OSS origin needs none', async () => {
    const running = await boot({
      cdn: { refererAllowList: ['editor.example.com'], allowEmptyReferer: false },
    })
    const id = running.library.roles.normalWithHdMp4
    const rendition = [
      'vod',
      'get',
      id,
      '--file',
      'rendition',
      '--definition',
      'HD',
      '--format',
      'mp4',
    ]
    const refused = await run([...rendition, '-o', 'refused'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/Access was denied|Referer/)
    const [kept] = await jobs()
    expect(kept?.state).toBe('failed')
    expect(kept?.error?.code).toBe('Forbidden')
    const withReferer = await run([
      ...rendition,
      '--referer',
      'https://editor.example.com/review',
      '-o',
      'cdn',
    ])
    expect(withReferer.code, withReferer.stderr).toBe(0)
    const origin = await run([...rendition, '--output-type', 'oss', '-o', 'oss'])
    expect(origin.code, origin.stderr).toBe(0)
  })

  it('explains an unknown media id, a wrong secret and an expired STS token with exit 1', async () => {
    const running = await boot()
    const unknown = await run(['vod', 'get', '0123456789abcdef0123456789abcdef'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/does not exist/)
    const id = running.library.roles.normalWithHdMp4
    const wrongSecret = await run(['vod', 'files', id], {
      id: running.accessKeyId,
      secret: 'not-the-secret',
    })
    expect(wrongSecret.code).toBe(1)
    expect(wrongSecret.stderr).toMatch(/secret is wrong/)
    const sts = running.issueStsCredentials(60)
    // Two minutes later: the token has expired, the request timestamps are still acceptable.
    running.setClockOffsetMs(120_000)
    const expired = await run(['vod', 'files', id], {
      id: sts.accessKeyId,
      secret: sts.accessKeySecret,
      token: sts.securityToken,
    })
    expect(expired.code).toBe(1)
    expect(expired.stderr).toMatch(/STS.*expired/)
  })

  it('keeps the job and its bytes when resuming with a wrong secret or an expired STS token', async () => {
    const running = await boot({ largeSourceBytes: 64 * MiB })
    const source = largeSource(running)
    const first = start([
      'vod',
      'get',
      source.id,
      '--file',
      'source',
      '-c',
      '2',
      '--limit',
      '8M',
      '-o',
      'out',
    ])
    await waitFor(() => committed() > 4 * MiB)
    first.child.kill('SIGKILL')
    await first.done
    const wrongSecret = await run(['resume', '--all'], {
      id: running.accessKeyId,
      secret: 'not-the-secret',
    })
    expect(wrongSecret.code).toBe(1)
    expect(wrongSecret.stderr).toMatch(/secret is wrong/)
    let [job] = await jobs()
    expect(job?.error?.code).toBe('SignatureMismatch')
    expect(job?.doneBytes).toBeGreaterThan(4 * MiB)
    const sts = running.issueStsCredentials(1)
    running.setClockOffsetMs(120_000)
    const expired = await run(['resume', '--all'], {
      id: sts.accessKeyId,
      secret: sts.accessKeySecret,
      token: sts.securityToken,
    })
    expect(expired.code).toBe(1)
    ;[job] = await jobs()
    expect(job?.error?.code).toBe('SecurityTokenExpired')
    expect(job?.error?.messageZh).toMatch(/过期/)
    expect(existsSync(join(sandbox.root, 'out', `${source.fileName}.part`))).toBe(true)
  })
})

import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../src/emulator/index'
import { contentSha256 } from '../../src/emulator/synthetic-content'
import { sha256File } from '../support/engine-harness'
import { useCliSandbox, type CliOutcome } from '../support/cli-process'

/** vod-dl with the official credential chain: a credentials URI, and named profiles. */

let emulator: RunningEmulator | undefined
const sandbox = useCliSandbox('vod-cli-credentials-')

afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

/**
 * An environment without AccessKey variables, whose home folder is the sandbox (no profile
 * files unless a test writes them). The ECS metadata service is switched off with the SDK's
 * own variable: probing it first would only cost a timeout here.
 */
function chainEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const running = emulator as RunningEmulator
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: sandbox.root,
    USERPROFILE: sandbox.root,
    VOD_DL_HOME: join(sandbox.root, 'home'),
    VOD_ENDPOINT: running.endpoint,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    ...extra,
  }
  for (const name of [
    'ALIBABA_CLOUD_ACCESS_KEY_ID',
    'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    'ALIBABA_CLOUD_SECURITY_TOKEN',
    'ALIBABA_CLOUD_PROFILE',
    'ALIBABA_CLOUD_CREDENTIALS_FILE',
  ]) {
    if (!(name in extra)) delete environment[name]
  }
  return environment
}

function run(args: string[], environment: NodeJS.ProcessEnv): Promise<CliOutcome> {
  return sandbox.start(args, environment).done
}

function apiEntries(running: RunningEmulator) {
  return running.log.filter((entry) => entry.kind === 'api')
}

describe('vod-dl with the credential chain', () => {
  it('downloads a 200 MB source through several 6-second STS sessions and 4-second URLs, byte for byte', async () => {
    const running = (emulator = await startEmulator({
      largeSourceBytes: 200_000_000,
      maxUrlLifetimeSeconds: 4,
      stsSessionSeconds: 6,
      // Responses end every 8 MiB, so connections keep asking again with the current address.
      cutMediaResponsesAfterBytes: 8 * 1024 * 1024,
    }))
    const id = running.library.roles.largeSources[0] as string
    const source = running.library.findMedia(id)?.source
    if (!source?.seed) throw new Error('the demo library has no synthetic source')
    const startedAt = Date.now()
    const result = await run(
      ['vod', 'get', id, '--file', 'source', '--output-type', 'oss', '-c', '4', '--limit', '12M'],
      chainEnvironment({ ALIBABA_CLOUD_CREDENTIALS_URI: running.credentialsUri }),
    )
    const elapsedMs = Date.now() - startedAt
    expect(result.code, result.stderr).toBe(0)
    expect(await sha256File(join(sandbox.root, source.fileName))).toBe(
      contentSha256(source.seed, source.size),
    )
    // The download outlived several sessions; every call was signed with a live one (none was
    // refused), the address was renewed again and again, each time under a newer session.
    expect(elapsedMs).toBeGreaterThan(2 * 6_000)
    const calls = apiEntries(running)
    expect(calls.every((entry) => entry.status === 200)).toBe(true)
    const renewals = calls.filter((entry) => entry.action === 'GetMezzanineInfo')
    expect(renewals.length).toBeGreaterThanOrEqual(4)
    const sessions = renewals.map((entry) => entry.session ?? 0)
    expect(new Set(sessions).size).toBeGreaterThanOrEqual(3)
    expect(sessions).toEqual(sessions.toSorted((left, right) => left - right))
    expect(sessions.every((session) => session > 0)).toBe(true)
  })

  it('takes a named profile of the aliyun CLI config or the credentials file with --profile', async () => {
    const running = (emulator = await startEmulator())
    const sts = running.issueStsCredentials(600)
    await fs.mkdir(join(sandbox.root, '.aliyun'), { recursive: true })
    await fs.writeFile(
      join(sandbox.root, '.aliyun', 'config.json'),
      JSON.stringify({
        current: 'default',
        profiles: [
          {
            name: 'default',
            mode: 'AK',
            access_key_id: 'LTAI5tNotThisOne',
            access_key_secret: 'x',
          },
          {
            name: 'editor',
            mode: 'StsToken',
            access_key_id: sts.accessKeyId,
            access_key_secret: sts.accessKeySecret,
            sts_token: sts.securityToken,
          },
        ],
      }),
    )
    await fs.mkdir(join(sandbox.root, '.alibabacloud'), { recursive: true })
    await fs.writeFile(
      join(sandbox.root, '.alibabacloud', 'credentials'),
      `[media-ops]\ntype = access_key\naccess_key_id = ${running.accessKeyId}\naccess_key_secret = ${running.accessKeySecret}\n`,
    )
    const id = running.library.roles.normalWithHdMp4
    // AccessKey variables are set too: --profile still means that profile.
    const environment = chainEnvironment({
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tNotThisOneEither',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'wrong',
    })
    const editor = await run(['vod', 'files', id, '--json', '--profile', 'editor'], environment)
    expect(editor.code, editor.stderr).toBe(0)
    expect(apiEntries(running).at(-1)).toMatchObject({ status: 200, session: 1 })
    const ini = await run(['vod', 'files', id, '--json', '--profile', 'media-ops'], environment)
    expect(ini.code, ini.stderr).toBe(0)
    expect(apiEntries(running).at(-1)?.session).toBeUndefined()
    const missing = await run(['vod', 'files', id, '--profile', 'nobody'], environment)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('No credentials could be obtained from the credential chain')
    expect(missing.stderr).toContain('nobody')
  })
})

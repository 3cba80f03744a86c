import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../src/emulator/index'
import { isSecretParameterName } from '../../src/shared/redact'
import { useCliSandbox, type CliOutcome } from '../support/cli-process'
import { startTinyproxy, type RunningProxy } from '../support/proxy-servers'

const sandbox = useCliSandbox('vod-cli-diagnostics-')
let emulator: RunningEmulator | undefined
let proxy: RunningProxy | undefined

afterEach(async () => {
  await emulator?.close()
  await proxy?.close()
  emulator = undefined
  proxy = undefined
})

const proxyUser = { user: 'editor', password: 'Pr0xy-Pa55-7d1e' }
const hlsToken = 'mts-hls-token-9f3c2a71'

async function allFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Every value of a secret query parameter in the URLs of a text. */
function secretValues(text: string): string[] {
  const values: string[] = []
  for (const match of text.matchAll(/https?:\/\/[^\s",]+/g)) {
    const url = new URL(match[0])
    for (const [name, value] of url.searchParams) {
      if (isSecretParameterName(name) && value.length >= 6) values.push(value)
    }
  }
  return values
}

describe('vod-dl diagnostics', () => {
  it('bundles logs, settings and job states with no secret of the run in them', async () => {
    emulator = await startEmulator()
    proxy = await startTinyproxy(proxyUser)
    const home = join(sandbox.root, 'home')
    const environment: NodeJS.ProcessEnv = {
      ...process.env,
      VOD_DL_HOME: home,
      VOD_ENDPOINT: emulator.endpoint,
      ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKeySecret,
      VOD_DL_HLS_TOKEN: hlsToken,
      VOD_DL_LOG_LEVEL: 'debug',
    }
    delete environment.ALIBABA_CLOUD_SECURITY_TOKEN
    const run = (args: string[]): Promise<CliOutcome> => sandbox.start(args, environment).done
    const proxyOption = `--proxy=${proxy.url(proxyUser)}`
    const image = emulator.library.roles.image

    // Signed addresses: exported to a file, then downloaded as plain URLs through the proxy, one
    // of them with its signature spoiled so that its failure is logged too.
    const exported = join(sandbox.root, 'addresses.json')
    const exportRun = await run(['vod', 'export', '--ids', image, '--json', exported, proxyOption])
    expect(exportRun.code, exportRun.stderr).toBe(0)
    const addresses = await fs.readFile(exported, 'utf8')
    const signed = [...addresses.matchAll(/https?:\/\/[^\s"]+/g)].map((match) => match[0])
    expect(signed.length).toBeGreaterThan(0)
    const secrets = [
      emulator.accessKeySecret,
      proxyUser.password,
      hlsToken,
      ...secretValues(addresses),
    ]
    expect(secrets.length).toBeGreaterThan(3)
    const spoiled = signed[0]!.replace(/(Signature|auth_key)=([^&]+)/, '$1=$2x')
    const downloads = join(sandbox.root, 'downloads')
    await run(['get', signed[0]!, spoiled, '-o', downloads, '--verbose', proxyOption])
    expect((await run(['vod', 'get', image, '-o', downloads, '--verbose', proxyOption])).code).toBe(
      0,
    )

    const bundle = join(sandbox.root, 'bundle.zip')
    const made = await run(['diagnostics', '-o', bundle])
    expect(made.code, made.stderr).toBe(0)
    const unpacked = join(sandbox.root, 'unpacked')
    execFileSync('unzip', ['-q', bundle, '-d', unpacked])
    const files = await allFiles(unpacked)
    const names = files.map((file) => file.slice(unpacked.length + 1)).sort()
    expect(names).toEqual(expect.arrayContaining(['info.json', 'jobs.json', 'settings.json']))
    expect(names.some((name) => /^logs\/vod-downloader\.\d+\.log$/.test(name))).toBe(true)

    const contents = await Promise.all(files.map((file) => fs.readFile(file, 'utf8')))
    const everything = contents.join('\n')
    // The bundle is not empty of what matters: job lines with their ids, the jobs' states.
    expect(everything).toMatch(/"jobId":\d+/)
    expect(everything).toContain('"state": "completed"')
    expect(everything).toContain('REDACTED')
    for (const secret of secrets) expect(everything).not.toContain(secret)
    // A second bundle never replaces the first.
    expect((await run(['diagnostics', '-o', bundle])).code).toBe(1)
  }, 60_000)
})

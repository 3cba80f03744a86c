import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isPlaceholderHost, resolveUpdateFeed } from '../../../../src/main/desktop/policies/update'

const root = path.resolve(import.meta.dirname, '../../../..')

interface BuilderConfig {
  appId?: string
  productName?: string
  files?: (string | { filter?: string[] })[]
  asarUnpack?: string[]
  mac?: {
    hardenedRuntime?: boolean
    entitlements?: string
    entitlementsInherit?: string
    notarize?: boolean
    target?: unknown
  }
  win?: { target?: { target: string }[] }
  linux?: { target?: string[]; executableName?: string; icon?: string }
}

/** electron-builder's own loader and schema check, reached through the installed electron-builder. */
interface BuilderInternals {
  getConfig: (
    projectDir: string,
    configPath: string | null,
    configFromOptions: null,
  ) => Promise<BuilderConfig>
  validateConfiguration: (config: BuilderConfig, logger: unknown) => Promise<void>
  DebugLogger: new (enabled: boolean) => unknown
}

function builderInternals(): BuilderInternals {
  const fromBuilder = createRequire(
    createRequire(path.join(root, 'package.json')).resolve('electron-builder/package.json'),
  )
  const fromLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'))
  const config = fromBuilder('app-builder-lib/out/util/config/config.js') as BuilderInternals
  const { DebugLogger } = fromLib('builder-util') as {
    DebugLogger: new (enabled: boolean) => unknown
  }
  return {
    getConfig: config.getConfig,
    validateConfiguration: config.validateConfiguration,
    DebugLogger,
  }
}

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    const { getConfig, validateConfiguration, DebugLogger } = builderInternals()
    const config = await getConfig(root, null, null)
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('targets every platform with a hardened, notarized, entitled mac build', async () => {
    const config = await builderInternals().getConfig(root, null, null)
    expect(config.appId).toBe('com.voddownloader.app')
    expect(config.productName).toBe('VOD Downloader')
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.linux?.executableName).toBe('vod-downloader')
    expect(config.win?.target?.map((target) => target.target)).toEqual(['nsis'])
    expect(config.mac).toMatchObject({
      hardenedRuntime: true,
      notarize: true,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
    })
  })

  it('ships only the build output and unpacks what cannot live in asar', async () => {
    const config = await builderInternals().getConfig(root, null, null)
    // The loader normalizes `files` into file sets; flatten them back into patterns.
    const patterns = (config.files ?? []).flatMap((entry) =>
      typeof entry === 'string' ? [entry] : (entry.filter ?? []),
    )
    expect(patterns).toEqual(
      expect.arrayContaining(['out/**', 'resources/**', '!resources/emulator/**']),
    )
    expect(patterns.some((pattern) => pattern.startsWith('src') || pattern === '**/*')).toBe(false)
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['resources/**', '**/node_modules/better-sqlite3/**/*.node']),
    )
  })
})

describe('the update feed in electron-builder.yml', () => {
  it('is a generic feed whose URL is a placeholder no installed app checks', async () => {
    const config = (await builderInternals().getConfig(root, null, null)) as BuilderConfig & {
      publish?: { provider?: string; url?: string }
      generateUpdatesFilesForAllChannels?: boolean
    }
    expect(config.publish?.provider).toBe('generic')
    const url = config.publish?.url ?? ''
    expect(isPlaceholderHost(new URL(url).hostname)).toBe(true)
    expect(
      resolveUpdateFeed({ environment: undefined, setting: null, builtIn: url }),
    ).toMatchObject({ kind: 'none', reason: 'placeholder' })
    // The environment override points an installed app at a real feed.
    expect(
      resolveUpdateFeed({
        environment: 'https://updates.corp.cn/vod/',
        setting: null,
        builtIn: url,
      }),
    ).toMatchObject({ kind: 'feed', source: 'environment' })
    expect(config.generateUpdatesFilesForAllChannels).toBe(true)
  })

  it('builds the zip electron-updater installs on macOS next to the dmg', async () => {
    const config = await builderInternals().getConfig(root, null, null)
    const targets = (config.mac?.target as { target: string }[] | undefined)?.map(
      (entry) => entry.target,
    )
    expect(targets).toEqual(['dmg', 'zip'])
  })
})

describe('Electron for packaging, without its binary', () => {
  it('is a development dependency electron-builder reads its version from', async () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
      devDependencies: Record<string, string>
      optionalDependencies?: Record<string, string>
    }
    // Anywhere else it would be packaged into the app as a production dependency.
    expect(manifest.devDependencies.electron).toBeDefined()
    expect(manifest.dependencies.electron).toBeUndefined()
    expect(manifest.optionalDependencies?.electron).toBeUndefined()
    // Its install script is denied and may not have downloaded anything: electron-builder still
    // knows the version to package from the installed package.json.
    const fromBuilder = createRequire(
      createRequire(path.join(root, 'package.json')).resolve('electron-builder/package.json'),
    )
    const { getElectronVersion } = fromBuilder(
      'app-builder-lib/out/electron/electronVersion.js',
    ) as { getElectronVersion: (projectDir: string) => Promise<string> }
    const installed = (
      JSON.parse(
        readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
      ) as {
        version: string
      }
    ).version
    await expect(getElectronVersion(root)).resolves.toBe(installed)
  })
})

describe('build/entitlements.mac.plist', () => {
  it('grants what Electron needs under the hardened runtime, and network access', () => {
    const plist = readFileSync(path.join(root, 'build', 'entitlements.mac.plist'), 'utf8')
    for (const key of [
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.allow-unsigned-executable-memory',
      'com.apple.security.network.client',
    ]) {
      expect(plist).toMatch(new RegExp(`<key>${key.replace(/\./g, '\\.')}</key>\\s*<true/>`))
    }
    expect(plist).not.toContain('disable-library-validation')
  })
})

// The afterPack hook that flips Electron's fuses (build/after-pack.mjs): its configuration per
// platform, a real flip by electron-builder's own code on a stand-in binary carrying the fuse
// sentinel, and a type check of the hook against electron-builder's and @electron/fuses' types.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../../../..')
const hookPath = path.join(root, 'build', 'after-pack.mjs')
const requireFromRoot = createRequire(path.join(root, 'package.json'))

/** The hook module's shape (it is plain JavaScript, checked by the type-check test below). */
interface HookModule {
  archNames: readonly string[]
  fuseConfigFor(platform: string, arch: string): Record<string, unknown>
  default(context: {
    appOutDir: string
    electronPlatformName: string
    arch: number
    packager: unknown
  }): Promise<void>
}

const hook = (await import(pathToFileURL(hookPath).href)) as HookModule
const fuses = requireFromRoot('@electron/fuses') as {
  FuseV1Options: Record<string, number>
  FuseVersion: { V1: string }
}
const { FuseV1Options } = fuses

/** `fuseConfigFor` keyed by fuse name instead of wire index, for readable expectations. */
function named(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      const index = Number(key)
      return [Number.isInteger(index) ? String(FuseV1Options[index]) : key, value]
    }),
  )
}

const everywhere = {
  version: '1',
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  OnlyLoadAppFromAsar: true,
}

describe('fuseConfigFor', () => {
  it('turns off Node entry points and loads only a verified app.asar on macOS and Windows', () => {
    expect(named(hook.fuseConfigFor('win32', 'x64'))).toEqual({
      ...everywhere,
      resetAdHocDarwinSignature: false,
      EnableEmbeddedAsarIntegrityValidation: true,
    })
    expect(named(hook.fuseConfigFor('darwin', 'x64'))).toEqual({
      ...everywhere,
      resetAdHocDarwinSignature: false,
      EnableEmbeddedAsarIntegrityValidation: true,
    })
  })

  it('re-signs ad hoc only for Apple silicon', () => {
    expect(hook.fuseConfigFor('darwin', 'arm64')).toMatchObject({ resetAdHocDarwinSignature: true })
    expect(hook.fuseConfigFor('win32', 'arm64')).toMatchObject({ resetAdHocDarwinSignature: false })
  })

  it('leaves ASAR integrity off on Linux, where Electron does not implement it', () => {
    expect(named(hook.fuseConfigFor('linux', 'x64'))).toEqual({
      ...everywhere,
      resetAdHocDarwinSignature: false,
      EnableEmbeddedAsarIntegrityValidation: false,
    })
  })

  it('names architectures as electron-builder numbers them', () => {
    const { Arch } = requireFromRoot('electron-builder') as { Arch: Record<string, number> }
    for (const [index, name] of hook.archNames.entries()) expect(Arch[name], name).toBe(index)
  })
})

describe('afterPack on a stand-in Electron binary', () => {
  /** The bytes @electron/fuses looks for; the wire follows: version, length, one byte per fuse. */
  const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
  // Electron's defaults for the eight known fuses, plus a ninth this version does not name.
  const defaults = '10110001' + '1'
  let outDir: string

  beforeEach(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), 'vod-fuses-'))
  })

  afterEach(async () => {
    await rm(outDir, { recursive: true, force: true })
  })

  function binary(): Buffer {
    return Buffer.concat([
      Buffer.from('MZ… the rest of the program …'),
      Buffer.from(sentinel, 'ascii'),
      Buffer.from([1, defaults.length]),
      Buffer.from(defaults, 'ascii'),
      Buffer.from('… more of the program'),
    ])
  }

  async function wireOf(file: string): Promise<string> {
    const bytes = await readFile(file)
    const start = bytes.indexOf(sentinel) + sentinel.length + 2
    return bytes.subarray(start, start + defaults.length).toString('ascii')
  }

  /** electron-builder's real packager method, on an object carrying only what it reads. */
  function packager(): unknown {
    const { PlatformPackager } = requireFromRoot('app-builder-lib') as {
      PlatformPackager: { prototype: object }
    }
    return Object.assign(Object.create(PlatformPackager.prototype) as object, {
      appInfo: { productFilename: 'VOD Downloader' },
    })
  }

  it('flips the fuses of the Windows executable through electron-builder', async () => {
    const executable = path.join(outDir, 'VOD Downloader.exe')
    await writeFile(executable, binary())
    await hook.default({
      appOutDir: outDir,
      electronPlatformName: 'win32',
      arch: 1,
      packager: packager(),
    })
    // RunAsNode 0, cookies 1, NODE_OPTIONS 0, --inspect 0, integrity 1, asar only 1, the V8
    // snapshot and file:// privileges as Electron ships them, the unknown ninth untouched.
    expect(await wireOf(executable)).toBe('010011011')
  })

  it('flips them in the macOS framework binary', async () => {
    const framework = path.join(
      outDir,
      'VOD Downloader.app',
      'Contents',
      'Frameworks',
      'Electron Framework.framework',
    )
    await mkdir(framework, { recursive: true })
    await writeFile(path.join(framework, 'Electron Framework'), binary())
    await hook.default({
      appOutDir: outDir,
      electronPlatformName: 'darwin',
      arch: 1,
      packager: packager(),
    })
    expect(await wireOf(path.join(framework, 'Electron Framework'))).toBe('010011011')
  })
})

describe('build/after-pack.mjs', () => {
  function diagnostics(file: string): string[] {
    const program = ts.createProgram([file], {
      allowJs: true,
      checkJs: true,
      noEmit: true,
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2023,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: ['node'],
      typeRoots: [path.join(root, 'node_modules', '@types')],
    })
    return ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
  }

  it('type-checks against electron-builder and @electron/fuses', () => {
    expect(diagnostics(hookPath)).toEqual([])
  }, 60_000)

  it('is checked for real: a wrong type in the same setup is reported', async () => {
    const wrong = path.join(root, 'build', `.type-check-${process.pid}.mjs`)
    await writeFile(
      wrong,
      "// @ts-check\n/** @type {import('@electron/fuses').FuseV1Config} */\nexport const c = { version: '2' }\n",
    )
    try {
      expect(diagnostics(wrong).join('\n')).toMatch(/'"2"' is not assignable to type 'FuseVersion'/)
    } finally {
      await rm(wrong, { force: true })
    }
  }, 60_000)

  it('is the afterPack hook, and no fuse option competes with it', async () => {
    const yaml = await readFile(path.join(root, 'electron-builder.yml'), 'utf8')
    expect(yaml).toMatch(/^afterPack: \.\/build\/after-pack\.mjs$/m)
    expect(yaml).not.toMatch(/^electronFuses:/m)
    // OnlyLoadAppFromAsar and the integrity check need the app inside app.asar.
    expect(yaml).not.toMatch(/^asar: false/m)
    expect(yaml).not.toMatch(/^disableAsarIntegrity: true/m)
  })
})

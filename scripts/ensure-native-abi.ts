/**
 * Makes better-sqlite3's native binary match the runtime about to load it:
 *
 *   tsx scripts/ensure-native-abi.ts node       # before the tests, the CLI and the headless host
 *   tsx scripts/ensure-native-abi.ts electron   # before `npm run dev`, `npm start`, `npm run dist`
 *
 * better-sqlite3 is a V8 addon, not Node-API, so a binary built for Node 20 (ABI 115) cannot be
 * loaded by Electron 38 (ABI 139) and the reverse. The script finds out which ABI the binary on
 * disk has (a stamp file written next to it, verified by actually loading the binary under Node:
 * success means Node's ABI, failure names the ABI it was built for), and only when that differs
 * from the target does it switch: from a cached copy of an earlier build when there is one,
 * otherwise by `npm rebuild better-sqlite3` (Node) or `electron-builder install-app-deps`
 * (Electron, through @electron/rebuild).
 *
 * A rebuild that cannot finish (Electron's headers or prebuilt binaries out of reach, a compiler
 * error, Ctrl-C) never leaves the binary unusable: the one on disk is kept in the cache before any
 * rebuild starts and put back when the rebuild fails, so the tests, the CLI and the headless host
 * still load it, and an interrupted switch is undone by the next `native:node` from that cache.
 */
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export type Runtime = 'node' | 'electron'

/** The runtime the binary must suit. `abi` is `null` when it cannot be looked up. */
export interface AbiTarget {
  runtime: Runtime
  version: string
  abi: string | null
}

/** Written next to the binary after a verified switch; trusted while the file is unchanged. */
export interface AbiStamp {
  runtime: Runtime
  version: string
  abi: string
  size: number
  mtimeMs: number
}

/** What loading the binary under the current Node said. */
export type ProbeResult =
  | { kind: 'missing' }
  /** Loaded: the binary is built for this Node's ABI. */
  | { kind: 'loaded'; abi: string }
  /** Refused, naming the ABI the binary was built for. */
  | { kind: 'other-abi'; abi: string }
  | { kind: 'unknown'; message: string }

/** Pulls the binary's ABI out of Node's "compiled against a different Node.js version" error. */
export function parseModuleVersion(message: string): string | null {
  return (
    /compiled against a different Node\.js version using\s+NODE_MODULE_VERSION (\d+)/.exec(
      message,
    )?.[1] ?? null
  )
}

/** Whether the stamp still describes the file on disk and suits the target. */
export function stampMatches(
  stamp: AbiStamp | null,
  target: AbiTarget,
  file: { size: number; mtimeMs: number },
): boolean {
  return (
    stamp !== null &&
    stamp.size === file.size &&
    Math.abs(stamp.mtimeMs - file.mtimeMs) < 1 &&
    stamp.runtime === target.runtime &&
    stamp.version === target.version
  )
}

/** Decides from a probe whether the binary suits the target. */
export function probeMatches(probe: ProbeResult, target: AbiTarget): boolean {
  switch (probe.kind) {
    case 'missing':
    case 'unknown':
      return false
    case 'loaded':
      return target.runtime === 'node'
    case 'other-abi':
      return target.runtime === 'electron' && target.abi !== null && probe.abi === target.abi
  }
}

/** The ABI a probe found, if any. */
export function probedAbi(probe: ProbeResult): string | null {
  return probe.kind === 'loaded' || probe.kind === 'other-abi' ? probe.abi : null
}

function projectRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
}

function binaryPath(root: string): string {
  const require = createRequire(path.join(root, 'package.json'))
  const packageDirectory = path.dirname(require.resolve('better-sqlite3/package.json'))
  return path.join(packageDirectory, 'build', 'Release', 'better_sqlite3.node')
}

/** The target for a runtime; Electron's ABI comes from node-abi when it is installed. */
export function resolveTarget(runtime: Runtime, root: string = projectRoot()): AbiTarget {
  if (runtime === 'node') {
    return { runtime, version: process.versions.node, abi: process.versions.modules }
  }
  const require = createRequire(path.join(root, 'package.json'))
  const version = (
    JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as {
      version: string
    }
  ).version
  let abi: string | null = null
  try {
    const nodeAbi = require('node-abi') as { getAbi(target: string, runtime: string): string }
    abi = nodeAbi.getAbi(version, 'electron')
  } catch {
    abi = null
  }
  return { runtime, version, abi }
}

/** Loads the binary in a child Node process (a failed dlopen stays out of this one). */
export function probeBinary(binary: string): ProbeResult {
  if (!existsSync(binary)) return { kind: 'missing' }
  const result = spawnSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(binary)}); process.stdout.write(process.versions.modules)`],
    { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
  )
  if (result.status === 0) return { kind: 'loaded', abi: result.stdout.trim() }
  const message = `${result.stderr}${result.error?.message ?? ''}`
  const abi = parseModuleVersion(message)
  return abi
    ? { kind: 'other-abi', abi }
    : { kind: 'unknown', message: message.trim().split('\n')[0] ?? '' }
}

function readStamp(file: string): AbiStamp | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as AbiStamp
  } catch {
    return null
  }
}

function run(command: string, args: string[], root: string): void {
  console.log(`> ${command} ${args.join(' ')}`)
  // npm and the .bin shims are .cmd files on Windows, which only a shell can start.
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  })
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? 'signal'})`)
}

/** Rebuilds better-sqlite3 for a target; throws when the build fails. */
export type Rebuild = (target: AbiTarget, root: string) => void

function rebuildWithTools(target: AbiTarget, root: string): void {
  if (target.runtime === 'node') run('npm', ['rebuild', 'better-sqlite3'], root)
  else run('npx', ['--no-install', 'electron-builder', 'install-app-deps'], root)
}

export interface EnsureOptions {
  /** Default: `npm rebuild better-sqlite3` or `electron-builder install-app-deps`. */
  rebuild?: Rebuild
}

/** Where builds for each runtime are kept, so switching back is a file copy. */
function cacheFileFor(root: string, runtime: Runtime, version: string): string {
  return path.join(
    root,
    'node_modules',
    '.cache',
    'native-abi',
    'better-sqlite3',
    `${runtime}-${version}-${process.platform}-${process.arch}.node`,
  )
}

/** Switches the binary to `runtime` if needed; returns what it did. */
export function ensureNativeAbi(
  runtime: Runtime,
  root: string = projectRoot(),
  options: EnsureOptions = {},
): 'up-to-date' | 'from-cache' | 'rebuilt' {
  const binary = binaryPath(root)
  const stampFile = `${binary}.abi.json`
  const target = resolveTarget(runtime, root)
  const cacheFile = cacheFileFor(root, target.runtime, target.version)
  const cacheDirectory = path.dirname(cacheFile)

  const fileStats = (): { size: number; mtimeMs: number } => {
    const stats = statSync(binary)
    return { size: stats.size, mtimeMs: stats.mtimeMs }
  }
  if (existsSync(binary) && stampMatches(readStamp(stampFile), target, fileStats()))
    return 'up-to-date'

  const record = (probe: ProbeResult): void => {
    const abi = probedAbi(probe) ?? target.abi ?? 'unknown'
    const stamp: AbiStamp = {
      runtime: target.runtime,
      version: target.version,
      abi,
      ...fileStats(),
    }
    writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`)
    mkdirSync(cacheDirectory, { recursive: true })
    copyFileSync(binary, cacheFile)
  }

  const before = probeBinary(binary)
  if (probeMatches(before, target)) {
    record(before)
    return 'up-to-date'
  }
  // Kept before anything replaces it: a cached copy that turns out wrong and a failed rebuild
  // both end with the binary put back.
  const restore = keepBeforeRebuild(binary, stampFile, before, root)
  if (existsSync(cacheFile)) {
    copyFileSync(cacheFile, binary)
    const cached = probeBinary(binary)
    if (probeMatches(cached, target) || (target.abi === null && target.runtime === 'electron')) {
      record(cached)
      restore.discard()
      return 'from-cache'
    }
  }
  try {
    ;(options.rebuild ?? rebuildWithTools)(target, root)
    const after = probeBinary(binary)
    // Without node-abi the Electron ABI is unknown; trust the rebuild tool in that case.
    if (!probeMatches(after, target) && !(target.abi === null && after.kind === 'other-abi')) {
      throw new Error(
        `better-sqlite3 still does not match ${target.runtime} ${target.version} (ABI ${target.abi ?? '?'}) after rebuilding: ${JSON.stringify(after)}`,
      )
    }
    record(after)
  } catch (error) {
    const restored = restore()
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(restored ? `${message}; ${restored}` : message, { cause: error })
  }
  restore.discard()
  return 'rebuilt'
}

/**
 * Keeps the binary on disk before a rebuild replaces it: a copy beside it to put back if the
 * rebuild fails, and, when it is this Node's build, a copy in the cache, from which `native:node`
 * restores it even after a rebuild that was killed before it could clean up. The returned function
 * puts it back and says what it did (empty when there was nothing to keep).
 */
function keepBeforeRebuild(
  binary: string,
  stampFile: string,
  probe: ProbeResult,
  root: string,
): (() => string) & { discard(): void } {
  const backup = `${binary}.before-rebuild`
  const stamp = existsSync(stampFile) ? readFileSync(stampFile) : null
  const kept = existsSync(binary)
  if (kept) {
    copyFileSync(binary, backup)
    if (probe.kind === 'loaded') {
      const nodeCache = cacheFileFor(root, 'node', process.versions.node)
      mkdirSync(path.dirname(nodeCache), { recursive: true })
      copyFileSync(binary, nodeCache)
    }
  }
  const discard = (): void => rmSync(backup, { force: true })
  const restore = (): string => {
    if (!kept) return ''
    mkdirSync(path.dirname(binary), { recursive: true })
    copyFileSync(backup, binary)
    if (stamp) writeFileSync(stampFile, stamp)
    else rmSync(stampFile, { force: true })
    discard()
    const described =
      probe.kind === 'loaded'
        ? `built for Node ${process.versions.node}`
        : probe.kind === 'other-abi'
          ? `built for ABI ${probe.abi}`
          : 'as it was'
    return `better-sqlite3 was put back as it was (${described})`
  }
  return Object.assign(restore, { discard })
}

function main(argv: readonly string[]): number {
  const runtime = argv[0]
  if (runtime !== 'node' && runtime !== 'electron') {
    console.error('usage: tsx scripts/ensure-native-abi.ts node|electron')
    return 2
  }
  try {
    const outcome = ensureNativeAbi(runtime)
    const target = resolveTarget(runtime)
    console.log(
      `better-sqlite3: ${outcome} for ${runtime} ${target.version} (ABI ${target.abi ?? 'unknown'})`,
    )
    return 0
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    return 1
  }
}

const invokedPath = process.argv[1]
if (invokedPath && import.meta.url === pathToFileURL(path.resolve(invokedPath)).href) {
  process.exitCode = main(process.argv.slice(2))
}

// Where the desktop app's Electron binary stands: the `electron` npm package carries only its
// version and an install script, which downloads the binary from outside the npm registry.
// Node built-ins only: the quick-start script reads this before `npm ci` has run.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The checkout this script belongs to. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url))

/** The first npm that honours `"electron": false` in package.json's `allowScripts`. */
export const allowScriptsNpmVersion = '11.16.0'

/** The `electron` package installed for the project at `root`, or null. */
export function findElectronPackage(root = projectRoot) {
  try {
    const require = createRequire(path.join(root, 'package.json'))
    const manifest = require.resolve('electron/package.json')
    const { version } = JSON.parse(readFileSync(manifest, 'utf8'))
    return { directory: path.dirname(manifest), version }
  } catch {
    return null
  }
}

function readText(file) {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

/**
 * Whether the binary is on disk, by the same test as Electron's install script: `dist/version`
 * names this package's version and the executable `path.txt` names exists (or, with
 * ELECTRON_OVERRIDE_DIST_PATH, the executable in that folder).
 */
export function electronBinaryStatus(root = projectRoot, environment = process.env) {
  const found = findElectronPackage(root)
  if (!found) return { kind: 'no-package' }
  const { directory, version } = found
  const executableName = readText(path.join(directory, 'path.txt'))
  const override = environment.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const executable = path.join(override, executableName ?? 'electron')
    return existsSync(executable)
      ? { kind: 'installed', version, directory, executable }
      : { kind: 'missing', version, directory }
  }
  const distVersion = readText(path.join(directory, 'dist', 'version'))
  if (executableName && distVersion?.trim().replace(/^v/, '') === version) {
    const executable = path.join(directory, 'dist', executableName)
    if (existsSync(executable)) return { kind: 'installed', version, directory, executable }
  }
  return { kind: 'missing', version, directory }
}

/** Compares dotted versions numerically (pre-release tags are ignored). */
export function versionAtLeast(version, minimum) {
  const parts = (text) =>
    text
      .split('-')[0]
      .split('.')
      .map((part) => Number.parseInt(part, 10) || 0)
  const have = parts(version)
  const want = parts(minimum)
  for (let index = 0; index < Math.max(have.length, want.length); index++) {
    const difference = (have[index] ?? 0) - (want[index] ?? 0)
    if (difference !== 0) return difference > 0
  }
  return true
}

/**
 * What to do without the binary; printed by `npm start` / `npm run dev` and by a failed
 * `npm run electron:install` (which leaves out the advice to run itself).
 */
export function desktopUnavailableAdvice({ includeInstall = true } = {}) {
  return [
    ...(includeInstall ? ['Install Electron:  npm run electron:install'] : []),
    'Through a mirror:  ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm run electron:install',
    'Or run headless:   npm run headless -- --demo   (the same app in a browser; the CLI and the tests need no Electron either)',
  ]
}

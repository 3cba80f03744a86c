// The two set-up commands of the README's Quick start; Node built-ins only, since they run before
// `npm ci` has installed anything.
//
//   npm run demo     installs the dependencies (unless they are current), then starts the app on
//                    the demo library: the desktop app where Electron is installed and a display
//                    exists, otherwise the headless host in the browser
//   npm run verify   installs everything the tests need (the Debian packages of
//                    scripts/debian-packages.txt, then `npm ci`) and runs `npm test`; arguments
//                    after `--` go to vitest. CI runs exactly this (.ci/run).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  allowScriptsNpmVersion,
  electronBinaryStatus,
  projectRoot,
  versionAtLeast,
} from './electron-binary.mjs'

export const minimumNodeVersion = '20.19.0'
export const debianPackageList = path.join(projectRoot, 'scripts', 'debian-packages.txt')

/** The packages of a list file: one a line, `#` starts a comment. */
export function readPackageList(file = debianPackageList) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '')
}

/** The packages dpkg does not report installed; null where there is no dpkg (not Debian). */
export function missingDebianPackages(packages, run = spawnSync) {
  const missing = []
  for (const name of packages) {
    const result = run('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' })
    if (result.error) return null
    if (!(result.stdout ?? '').includes('install ok installed')) missing.push(name)
  }
  return missing
}

/**
 * What to do about the Debian packages: nothing, install them (as root, non-interactively), or
 * tell the user the command, since only root may install them.
 */
export function debianStep({ missing, isRoot }) {
  if (missing === null) {
    return {
      kind: 'tell',
      fatal: false,
      lines: [
        "Not a Debian system: install these (or your system's equivalents) with its package manager,",
        `the end-to-end tests look for Chromium at /usr/bin/chromium or CHROMIUM_PATH: ${readPackageList().join(' ')}`,
      ],
    }
  }
  if (missing.length === 0) return { kind: 'none' }
  const install = ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]
  if (isRoot) return { kind: 'install', commands: [['apt-get', 'update', '-qq'], install] }
  return {
    kind: 'tell',
    fatal: true,
    lines: [
      `The tests need these Debian packages, which are not installed: ${missing.join(' ')}`,
      `Install them as root, then run npm run verify again:  sudo ${install.filter((part) => part !== '-qq').join(' ')}`,
    ],
  }
}

/** Whether `npm ci` must run: no install yet, or package.json / the lockfile changed since. */
export function installNeeded(root = projectRoot) {
  const hidden = path.join(root, 'node_modules', '.package-lock.json')
  if (!existsSync(hidden)) return true
  const installedAt = statSync(hidden).mtimeMs
  return ['package.json', 'package-lock.json'].some(
    (file) => statSync(path.join(root, file)).mtimeMs > installedAt,
  )
}

/** Which app the demo starts, and why. */
export function demoShell({ status, platform, environment }) {
  if (status.kind !== 'installed') {
    return {
      shell: 'headless',
      reason:
        'Electron is not installed, so the demo runs in the headless host: open the address it prints.',
    }
  }
  if (platform === 'linux' && !environment.DISPLAY && !environment.WAYLAND_DISPLAY) {
    return {
      shell: 'headless',
      reason:
        'No display (DISPLAY and WAYLAND_DISPLAY are unset), so the demo runs in the headless host: open the address it prints.',
    }
  }
  return { shell: 'desktop', reason: null }
}

/** Runs a command in the project; resolves its exit status. */
function run(command, args, environment = process.env) {
  console.log(`> ${[command, ...args].join(' ')}`)
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: projectRoot,
      env: environment,
      stdio: 'inherit',
      // npm is a .cmd file on Windows, which only a shell starts.
      shell: process.platform === 'win32',
    })
    // Ctrl-C reaches the child too; wait for it to stop cleanly instead of leaving it behind.
    const ignore = () => undefined
    process.on('SIGINT', ignore)
    process.on('SIGTERM', ignore)
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`)
      resolve(1)
    })
    child.on('close', (status, signal) => {
      process.off('SIGINT', ignore)
      process.off('SIGTERM', ignore)
      resolve(status ?? (signal ? 1 : 0))
    })
  })
}

function npmVersion() {
  const result = spawnSync('npm', ['--version'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  })
  return result.status === 0 ? result.stdout.trim() : null
}

/**
 * `npm ci`. npm before 11.16 ignores package.json's `allowScripts`, so Electron's own install
 * script would run and fail the install where its download is blocked: there the download is
 * skipped during the install and done afterwards by our installer, with the same outcome.
 */
async function npmCi() {
  const version = npmVersion()
  if (version === null) {
    console.error('npm was not found: install Node.js 20.19+ with npm.')
    return 1
  }
  const honoursAllowScripts = versionAtLeast(version, allowScriptsNpmVersion)
  const environment = honoursAllowScripts
    ? process.env
    : { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', VOD_DL_DEFER_ELECTRON_INSTALL: '1' }
  const status = await run('npm', ['ci', '--no-audit', '--no-fund'], environment)
  if (status !== 0 || honoursAllowScripts) return status
  const installer = path.join('scripts', 'install-electron.mjs')
  return run(process.execPath, [installer])
}

async function demo() {
  if (installNeeded()) {
    const status = await npmCi()
    if (status !== 0) return status
  }
  const choice = demoShell({
    status: electronBinaryStatus(),
    platform: process.platform,
    environment: process.env,
  })
  if (choice.shell === 'headless') {
    console.log(choice.reason)
    return run('npm', ['run', 'headless', '--', '--demo'])
  }
  // Chromium refuses to run as root with its sandbox on.
  const asRoot = process.platform === 'linux' && process.getuid?.() === 0
  return run('npm', ['start', '--', ...(asRoot ? ['--noSandbox'] : []), '--', '--demo'])
}

async function verify(testArguments) {
  const step = debianStep({
    missing: missingDebianPackages(readPackageList()),
    isRoot: process.getuid?.() === 0,
  })
  if (step.kind === 'install') {
    const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    for (const [command, ...args] of step.commands) {
      const status = await run(command, args, environment)
      if (status !== 0) return status
    }
  } else if (step.kind === 'tell') {
    for (const line of step.lines) console.error(line)
    if (step.fatal) return 1
  }
  const installed = await npmCi()
  if (installed !== 0) return installed
  return run('npm', ['test', ...(testArguments.length > 0 ? ['--', ...testArguments] : [])])
}

async function main(argv) {
  if (!versionAtLeast(process.versions.node, minimumNodeVersion)) {
    console.error(
      `Node.js ${minimumNodeVersion} or newer is needed; this is ${process.versions.node}.`,
    )
    return 1
  }
  const [command, ...rest] = argv
  if (command === 'demo') return demo()
  if (command === 'verify') return verify(rest[0] === '--' ? rest.slice(1) : rest)
  console.error('usage: node scripts/quick-start.mjs demo | verify [-- vitest arguments]')
  return 2
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2))
}

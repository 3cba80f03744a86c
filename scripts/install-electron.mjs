// Installs the Electron binary the desktop app runs on, and says in one line what that means.
//
//   node scripts/install-electron.mjs              # postinstall of `npm ci` / `npm install`
//   node scripts/install-electron.mjs --required   # `npm run electron:install`: fails without it
//
// package.json denies Electron's own install script (`allowScripts`), because it fails the whole
// `npm ci` wherever its download host (GitHub, or ELECTRON_MIRROR) cannot be reached, although the
// headless host, the CLI and the tests never need the binary. This runs that same script in a child
// process instead, so its mirror, cache and checksum settings all apply, and turns a failure into
// a line that says what still works. Node built-ins only.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { desktopUnavailableAdvice, electronBinaryStatus, projectRoot } from './electron-binary.mjs'

/** How long the postinstall download may take before the install carries on without it. */
export const defaultPostinstallTimeoutSeconds = 300

/** The reason in a failed install script's output: its first line that is not a stack frame. */
export function failureReason(output) {
  const line = output
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text !== '' && !text.startsWith('at '))
  if (!line) return 'the download did not finish'
  return line.length > 200 ? `${line.slice(0, 197)}…` : line
}

/** The one line the installer prints when the binary is not there. */
export function unavailableLine(version, reason) {
  return (
    `Electron ${version} is not installed (${reason}): the desktop app is unavailable until it is ` +
    '(npm run electron:install); the headless host (npm run headless), the CLI (npx vod-dl) and ' +
    'the tests work without it.'
  )
}

/**
 * Runs Electron's install script; answers the line to print and whether the binary is there.
 * `required` ignores ELECTRON_SKIP_BINARY_DOWNLOAD (the user asked for the binary) and waits as
 * long as the download takes unless a timeout is given.
 */
export function installElectron({
  root = projectRoot,
  environment = process.env,
  required = false,
  timeoutSeconds,
} = {}) {
  // The quick-start script, on an npm that ignores `allowScripts`, skips the download during the
  // install and runs this again afterwards: the postinstall then has nothing to say.
  if (environment.VOD_DL_DEFER_ELECTRON_INSTALL && !required)
    return { installed: false, line: null }
  const before = electronBinaryStatus(root, environment)
  if (before.kind === 'no-package') {
    // `npm ci --omit=dev`: a production install of the CLI, without the desktop app's tooling.
    return { installed: false, line: null }
  }
  if (before.kind === 'installed') {
    return {
      installed: true,
      line: `Electron ${before.version} is installed: npm start opens the desktop app.`,
    }
  }
  const childEnvironment = { ...environment }
  if (environment.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    if (!required) {
      return {
        installed: false,
        line: unavailableLine(before.version, 'ELECTRON_SKIP_BINARY_DOWNLOAD is set'),
      }
    }
    delete childEnvironment.ELECTRON_SKIP_BINARY_DOWNLOAD
  }
  const fromEnvironment = Number(environment.VOD_DL_ELECTRON_INSTALL_TIMEOUT)
  const seconds =
    timeoutSeconds ??
    (Number.isFinite(fromEnvironment) && fromEnvironment > 0
      ? fromEnvironment
      : required
        ? undefined
        : defaultPostinstallTimeoutSeconds)
  const result = spawnSync(process.execPath, [path.join(before.directory, 'install.js')], {
    cwd: before.directory,
    env: childEnvironment,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
    ...(seconds === undefined ? {} : { timeout: seconds * 1000, killSignal: 'SIGKILL' }),
  })
  const after = electronBinaryStatus(root, environment)
  if (after.kind === 'installed') {
    return {
      installed: true,
      line: `Electron ${after.version} installed: npm start opens the desktop app.`,
    }
  }
  const reason =
    result.error?.code === 'ETIMEDOUT'
      ? `no download within ${seconds} s`
      : failureReason(
          `${result.stderr ?? ''}\n${result.stdout ?? ''}\n${result.error?.message ?? ''}`,
        )
  return { installed: false, line: unavailableLine(before.version, reason) }
}

function main(argv) {
  const required = argv.includes('--required')
  const projectArgument = argv.find((argument) => argument.startsWith('--project='))
  const root = projectArgument
    ? path.resolve(projectArgument.slice('--project='.length))
    : projectRoot
  const outcome = installElectron({ root, required })
  if (outcome.line) console.log(outcome.line)
  if (required && !outcome.installed) {
    for (const line of desktopUnavailableAdvice({ includeInstall: false })) console.log(`  ${line}`)
    return 1
  }
  // Never fails `npm ci`: everything but the desktop app works without the binary.
  return 0
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2))
}

// Runs before `npm start` and `npm run dev`: without the Electron binary (its download failed or
// was skipped during `npm ci`), or on Linux without a display, says what to do instead of letting
// electron-vite end in a stack trace. Node built-ins only.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { desktopUnavailableAdvice, electronBinaryStatus, projectRoot } from './electron-binary.mjs'

/** Why the desktop app cannot start here, as lines to print; empty when it can. */
export function desktopPreflight({
  root = projectRoot,
  environment = process.env,
  platform = process.platform,
} = {}) {
  const status = electronBinaryStatus(root, environment)
  if (status.kind === 'no-package') {
    return [
      'The desktop app needs the development dependencies: run npm ci first.',
      ...desktopUnavailableAdvice().slice(-1),
    ]
  }
  if (status.kind === 'missing') {
    return [
      `The desktop app needs Electron ${status.version}, whose binary is not installed (its download during npm ci failed or was skipped).`,
      ...desktopUnavailableAdvice(),
    ]
  }
  if (platform === 'linux' && !environment.DISPLAY && !environment.WAYLAND_DISPLAY) {
    return [
      'The desktop app needs a display, and neither DISPLAY nor WAYLAND_DISPLAY is set.',
      'Start it under a virtual display:  xvfb-run npm start',
      ...desktopUnavailableAdvice().slice(-1),
    ]
  }
  return []
}

function main(argv) {
  const projectArgument = argv.find((argument) => argument.startsWith('--project='))
  const root = projectArgument
    ? path.resolve(projectArgument.slice('--project='.length))
    : projectRoot
  const problems = desktopPreflight({ root })
  if (problems.length === 0) return 0
  const [first, ...rest] = problems
  console.error(first)
  for (const line of rest) console.error(`  ${line}`)
  return 1
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2))
}

import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { build } from 'vite'
import { chromiumPath } from './fixtures/browser'

/** The repository root (this file is test/e2e/global-setup.ts). */
const root = resolve(import.meta.dirname, '..', '..')

/**
 * Builds the renderer the headless host serves (out/renderer) once per run, so the suites
 * always test the current source, and checks that a Chromium is there to drive it.
 */
export default async function setup(): Promise<void> {
  const browser = chromiumPath()
  if (!existsSync(browser)) {
    throw new Error(
      `No Chromium at ${browser}. Install Debian's "chromium" package or set CHROMIUM_PATH.`,
    )
  }
  // Vitest sets NODE_ENV=test, and Vite (with the React plugin) would then build React's
  // development runtime: the suites must test what users run, the production build.
  const nodeEnvironment = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ configFile: resolve(root, 'vite.renderer.config.ts'), logLevel: 'warn' })
  } catch (error) {
    throw new Error(
      `Building the renderer failed; run \`npm run build:renderer\` to see why.\n${String(error)}`,
    )
  } finally {
    process.env.NODE_ENV = nodeEnvironment
  }
  if (!existsSync(resolve(root, 'out', 'renderer', 'index.html'))) {
    throw new Error('The renderer build produced no out/renderer/index.html.')
  }
}

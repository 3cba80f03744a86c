#!/usr/bin/env node
// Starts the vod-dl CLI: the bundled build when it is up to date with the sources (fast start),
// otherwise the TypeScript sources through tsx, so `npx vod-dl` works right after `npm ci`.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bundle = `${root}out/cli/vod-dl.mjs`

function newerThan(folder, time) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`
    if (entry.isDirectory() ? newerThan(path, time) : statSync(path).mtimeMs > time) return true
  }
  return false
}

function bundleIsCurrent() {
  if (!existsSync(bundle)) return false
  const built = statSync(bundle).mtimeMs
  return !['src/cli', 'src/main', 'src/shared'].some((folder) =>
    newerThan(`${root}${folder}`, built),
  )
}

if (bundleIsCurrent()) {
  await import(bundle)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/bin.ts')
}

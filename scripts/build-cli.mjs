// Bundles the vod-dl CLI into ES modules so it starts without a TypeScript loader (about 0.4 s
// and 40 MiB less than running the sources through tsx). Split into chunks: each command is
// imported when it runs, so `vod-dl jobs` does not parse the VOD SDK or the download engine's
// HTTP stack it never uses (cold start is most of a short command's time).
import { build } from 'esbuild'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

const result = await build({
  absWorkingDir: root,
  entryPoints: { 'vod-dl': 'src/cli/bin.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  metafile: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // The native SQLite binding is loaded from node_modules as built for this runtime.
  external: ['better-sqlite3'],
  // Some bundled dependencies are CommonJS and call require().
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
})

// Chunks of earlier builds would pile up (their names carry a hash): keep only this build's.
const kept = new Set(Object.keys(result.metafile.outputs).map((path) => resolve(root, path)))
const chunks = resolve(root, 'out/cli/chunks')
for (const name of existsSync(chunks) ? readdirSync(chunks) : []) {
  const path = resolve(chunks, name)
  if (!kept.has(path)) rmSync(path)
}

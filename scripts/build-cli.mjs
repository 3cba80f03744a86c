// Bundles the vod-dl CLI into one ES module so it starts without a TypeScript loader
// (about 0.4 s and 40 MiB less than running the sources through tsx).
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/bin.ts'],
  outfile: 'out/cli/vod-dl.mjs',
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

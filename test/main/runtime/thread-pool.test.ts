import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))

/** UV_THREADPOOL_SIZE after the module ran in a fresh process with this size set (or none). */
function poolSizeAfterImport(userSize: string | undefined): string {
  const { UV_THREADPOOL_SIZE: _inherited, ...environment } = process.env
  const script =
    "await import('./src/main/runtime/thread-pool.ts'); process.stdout.write(String(process.env.UV_THREADPOOL_SIZE))"
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: root,
      env: userSize === undefined ? environment : { ...environment, UV_THREADPOOL_SIZE: userSize },
      encoding: 'utf8',
    },
  )
  expect(result.stderr).toBe('')
  return result.stdout
}

describe('file system thread pool', () => {
  it('widens the pool to 16 unless the user set a size', () => {
    expect(poolSizeAfterImport(undefined)).toBe('16')
    expect(poolSizeAfterImport('8')).toBe('8')
  })

  it('is the first import of every entry point that runs the engine', () => {
    for (const entry of ['src/cli/bin.ts', 'src/main/index.ts', 'src/host/cli.ts']) {
      const firstImport = readFileSync(`${root}${entry}`, 'utf8')
        .split('\n')
        .find((line) => line.startsWith('import '))
      expect(firstImport, entry).toMatch(/^import '\.{1,2}\/(main\/)?runtime\/thread-pool'$/)
    }
  })
})

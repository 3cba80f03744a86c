import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AbiTarget } from '../../../../scripts/ensure-native-abi'
import {
  parseModuleVersion,
  probeBinary,
  probeMatches,
  resolveTarget,
  stampMatches,
} from '../../../../scripts/ensure-native-abi'

const root = path.resolve(import.meta.dirname, '../../../..')
const nodeTarget: AbiTarget = { runtime: 'node', version: '20.20.2', abi: '115' }
const electronTarget: AbiTarget = { runtime: 'electron', version: '38.8.6', abi: '139' }

describe('parseModuleVersion', () => {
  it("reads the binary's ABI from Node's refusal", () => {
    const message =
      "Error: The module '/x/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 139. This version of Node.js requires\nNODE_MODULE_VERSION 115."
    expect(parseModuleVersion(message)).toBe('139')
    expect(parseModuleVersion('Error: libfoo.so: cannot open shared object file')).toBeNull()
  })
})

describe('probeMatches', () => {
  it('accepts a binary that loads under Node only for the Node target', () => {
    expect(probeMatches({ kind: 'loaded', abi: '115' }, nodeTarget)).toBe(true)
    expect(probeMatches({ kind: 'loaded', abi: '115' }, electronTarget)).toBe(false)
  })

  it("accepts a binary Node refuses only when it names Electron's ABI", () => {
    expect(probeMatches({ kind: 'other-abi', abi: '139' }, electronTarget)).toBe(true)
    expect(probeMatches({ kind: 'other-abi', abi: '136' }, electronTarget)).toBe(false)
    expect(probeMatches({ kind: 'other-abi', abi: '139' }, nodeTarget)).toBe(false)
    expect(probeMatches({ kind: 'other-abi', abi: '139' }, { ...electronTarget, abi: null })).toBe(
      false,
    )
    expect(probeMatches({ kind: 'missing' }, nodeTarget)).toBe(false)
    expect(probeMatches({ kind: 'unknown', message: 'x' }, nodeTarget)).toBe(false)
  })
})

describe('stampMatches', () => {
  const file = { size: 100, mtimeMs: 5 }
  it('trusts a stamp only for the same file and runtime version', () => {
    const stamp = { runtime: 'electron' as const, version: '38.8.6', abi: '139', ...file }
    expect(stampMatches(stamp, electronTarget, file)).toBe(true)
    expect(stampMatches(stamp, electronTarget, { size: 100, mtimeMs: 6 })).toBe(false)
    expect(stampMatches(stamp, nodeTarget, file)).toBe(false)
    expect(stampMatches(null, electronTarget, file)).toBe(false)
  })
})

describe('against the installed packages', () => {
  it('knows the ABIs of this Node and of the installed Electron', () => {
    expect(resolveTarget('node', root)).toEqual({
      runtime: 'node',
      version: process.versions.node,
      abi: process.versions.modules,
    })
    const electron = resolveTarget('electron', root)
    expect(electron.runtime).toBe('electron')
    expect(electron.version).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('probes the better-sqlite3 binary on disk without loading it into this process', () => {
    const require = createRequire(path.join(root, 'package.json'))
    const binary = path.join(
      path.dirname(require.resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    )
    const probe = probeBinary(binary)
    // Whichever runtime it was last built for, the probe must classify it.
    expect(['loaded', 'other-abi']).toContain(probe.kind)
    expect(probeBinary(path.join(root, 'no-such-binary.node'))).toEqual({ kind: 'missing' })
  })
})

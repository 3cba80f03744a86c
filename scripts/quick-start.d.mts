// Types of quick-start.mjs, for the TypeScript tests that import it.
import type { spawnSync } from 'node:child_process'
import type { ElectronBinaryStatus } from './electron-binary.mjs'

export declare const minimumNodeVersion: string
export declare const debianPackageList: string
export declare function readPackageList(file?: string): string[]
export declare function missingDebianPackages(
  packages: readonly string[],
  run?: typeof spawnSync,
): string[] | null

export type DebianStep =
  | { kind: 'none' }
  | { kind: 'install'; commands: string[][] }
  | { kind: 'tell'; fatal: boolean; lines: string[] }

export declare function debianStep(input: { missing: string[] | null; isRoot: boolean }): DebianStep
export declare function installNeeded(root?: string): boolean
export declare function demoShell(input: {
  status: ElectronBinaryStatus
  platform: NodeJS.Platform
  environment: Readonly<Record<string, string | undefined>>
}): { shell: 'desktop' | 'headless'; reason: string | null }

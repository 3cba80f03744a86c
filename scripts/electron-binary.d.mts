// Types of electron-binary.mjs, for the TypeScript tests that import it.
export declare const projectRoot: string
export declare const allowScriptsNpmVersion: string

export declare function findElectronPackage(
  root?: string,
): { directory: string; version: string } | null

export type ElectronBinaryStatus =
  | { kind: 'no-package' }
  | { kind: 'missing'; version: string; directory: string }
  | { kind: 'installed'; version: string; directory: string; executable: string }

export declare function electronBinaryStatus(
  root?: string,
  environment?: Readonly<Record<string, string | undefined>>,
): ElectronBinaryStatus

export declare function versionAtLeast(version: string, minimum: string): boolean

export declare function desktopUnavailableAdvice(options?: { includeInstall?: boolean }): string[]

// Types of require-electron.mjs, for the TypeScript tests that import it.
export declare function desktopPreflight(options?: {
  root?: string
  environment?: Readonly<Record<string, string | undefined>>
  platform?: NodeJS.Platform
}): string[]

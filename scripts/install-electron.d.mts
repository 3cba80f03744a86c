// Types of install-electron.mjs, for the TypeScript tests that import it.
export declare const defaultPostinstallTimeoutSeconds: number
export declare function failureReason(output: string): string
export declare function unavailableLine(version: string, reason: string): string
export declare function installElectron(options?: {
  root?: string
  environment?: Readonly<Record<string, string | undefined>>
  required?: boolean
  timeoutSeconds?: number
}): { installed: boolean; line: string | null }

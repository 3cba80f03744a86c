import path from 'node:path'

/** Starts the desktop app on the VOD emulator's demo library (`npm run demo` passes it). */
export const demoArgument = '--demo'

/**
 * What `--demo` does. The demo gets a profile of its own (the headless host's demo uses the same
 * folder), so its credentials and jobs never mix with a real account's, and downloads go to a
 * folder of their own. A packaged app refuses: the emulator's media are not shipped.
 */
export type DemoPlan =
  | { kind: 'off' }
  | { kind: 'refused'; reason: string }
  | { kind: 'on'; userDataDirectory: string; downloadFolder: string }

export function planDemo(input: {
  requested: boolean
  packaged: boolean
  /** Electron's `appData`: the folder the profile folders live in. */
  appDataPath: string
  /** The default download folder of a normal profile. */
  downloadFolder: string
  productName: string
}): DemoPlan {
  if (!input.requested) return { kind: 'off' }
  if (input.packaged) {
    return {
      kind: 'refused',
      reason: `${demoArgument} works in a development build only (npm run demo): the demo library's media are not part of the installed app`,
    }
  }
  return {
    kind: 'on',
    userDataDirectory: path.join(input.appDataPath, `${input.productName} Demo`),
    downloadFolder: `${input.downloadFolder} Demo`,
  }
}

/** The demo library's account, as the variables the account service reads for credentials. */
export interface DemoAccount {
  endpoint: string
  regionId: string
  accessKeyId: string
  accessKeySecret: string
}

/**
 * The environment the demo's app runtime reads: the demo AccessKey, region and endpoint as
 * environment credentials (they need no keychain, which a Linux session may lack), and none of the
 * caller's own ALIBABA_CLOUD_* settings, so a real STS token or credential chain never pairs with
 * the demo key or reaches the emulator.
 */
export function demoEnvironment(
  base: Readonly<Record<string, string | undefined>>,
  account: DemoAccount,
): Record<string, string | undefined> {
  const environment: Record<string, string | undefined> = {}
  for (const [key, value] of Object.entries(base)) {
    if (!key.startsWith('ALIBABA_CLOUD_') && key !== 'VOD_ENDPOINT') environment[key] = value
  }
  return {
    ...environment,
    ALIBABA_CLOUD_ACCESS_KEY_ID: account.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: account.accessKeySecret,
    ALIBABA_CLOUD_REGION_ID: account.regionId,
    VOD_ENDPOINT: account.endpoint,
  }
}

// @ts-check
// electron-builder `afterPack` hook (electron-builder.yml): flips the packaged Electron's fuses
// before the app is signed. Type-checked by test/main/desktop/packaging/fuses.test.ts.
//
// electron-builder 26 also has an `electronFuses` option, but it applies one setting to every
// platform, and ASAR integrity validation is implemented by Electron on macOS and Windows only;
// this hook sets it per platform and otherwise goes through electron-builder's own
// `addElectronFuses` (the binary it finds, the @electron/fuses it bundles), right after packing
// and before signing, which is when fuses must be flipped.
import { FuseV1Options, FuseVersion } from '@electron/fuses'

/** Names of electron-builder's `Arch` enum values (builder-util), by number. */
export const archNames = /** @type {const} */ (['ia32', 'x64', 'armv7l', 'arm64', 'universal'])

/**
 * The fuses for one packaged platform (`electronPlatformName`: darwin, mas, win32, linux).
 *
 * - RunAsNode off: `ELECTRON_RUN_AS_NODE=1` cannot turn the signed app into a plain Node runtime
 *   (the app never forks itself; ffmpeg is started as its own program).
 * - NODE_OPTIONS / NODE_EXTRA_CA_CERTS and `--inspect*` / SIGUSR1 ignored: no code injection or
 *   debugger attach from the environment or the command line.
 * - Cookie encryption on: Chromium's cookie store is encrypted with the OS keychain.
 * - Only `app.asar` is loaded (never a loose `app` folder placed next to it), and on macOS and
 *   Windows its header is checked against the hash electron-builder embeds (Info.plist
 *   `ElectronAsarIntegrity`, the Windows `INTEGRITY` resource).
 *
 * @param {string} platform
 * @param {string} arch one of `archNames`
 * @returns {import('@electron/fuses').FuseV1Config}
 */
export function fuseConfigFor(platform, arch) {
  const asarIntegritySupported = platform === 'darwin' || platform === 'mas' || platform === 'win32'
  return {
    version: FuseVersion.V1,
    // Flipping fuses breaks the ad-hoc signature Apple silicon requires; electron-builder signs
    // again right after when it has an identity, and an unsigned local build still starts.
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: asarIntegritySupported,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
  }
}

/**
 * @param {import('electron-builder').AfterPackContext} context
 * @returns {Promise<void>}
 */
export default async function afterPack(context) {
  const arch = archNames[context.arch] ?? String(context.arch)
  await context.packager.addElectronFuses(
    context,
    fuseConfigFor(context.electronPlatformName, arch),
  )
}

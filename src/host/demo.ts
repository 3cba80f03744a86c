import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/index'
import type { AccountService } from '../main/services/account-service'

/**
 * Demo mode: the VOD emulator's demo library on another 127.0.0.1 port, saved as the account
 * (its public demo AccessKey with the emulator as the endpoint override), so a newcomer sees a
 * full library with one command and no Alibaba Cloud account.
 */
export async function startDemoLibrary(
  account: AccountService,
  options: EmulatorOptions = {},
): Promise<RunningEmulator> {
  const emulator = await startEmulator(options)
  try {
    account.save({
      kind: 'access-key',
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
      regionId: emulator.regionId,
      endpoint: emulator.endpoint,
    })
  } catch (error) {
    await emulator.close()
    throw error
  }
  return emulator
}

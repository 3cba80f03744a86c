import { z } from 'zod'
import type { ShellKind } from '../../shared/contract'
import type { SecretBox } from '../runtime/secret-box'

/** The key → JSON store the password is kept in (the SettingsRepository). */
export interface SecretStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

const storedSchema = z.object({ version: z.literal(1), sealed: z.string().min(1) })

/**
 * Key of the sealed password, per shell: the desktop app and the headless host may share a data
 * folder but not a secret box (OS keychain versus key file), so each keeps its own.
 */
export function proxyPasswordKey(shell: ShellKind): string {
  return shell === 'electron' ? 'proxyPassword' : `proxyPassword.${shell}`
}

/**
 * The manual proxy's password, sealed with the same SecretBox as the account's secrets and
 * never sent back to the window: the settings only hold the proxy's address and user name.
 */
export class ProxyPasswordStore {
  private password: string | undefined

  constructor(
    private readonly store: SecretStore,
    private readonly key: string,
    private readonly box: SecretBox,
    onUnreadable: (reason: string) => void,
  ) {
    const record = storedSchema.safeParse(store.get(key))
    if (!record.success) return
    try {
      this.password = box.decrypt(Buffer.from(record.data.sealed, 'base64'))
    } catch (error) {
      // Another machine's keychain or a lost key file: the password has to be entered again.
      onUnreadable(error instanceof Error ? error.message : String(error))
    }
  }

  current(): string | undefined {
    return this.password
  }

  save(password: string): void {
    this.store.set(this.key, { version: 1, sealed: this.box.encrypt(password).toString('base64') })
    this.password = password
  }

  clear(): void {
    this.store.delete(this.key)
    this.password = undefined
  }
}

import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../../src/shared/errors'
import { createSafeStorageSecretStore } from '../../../../src/main/desktop/adapters/safe-storage'
import { CredentialVault, maskAccessKeyId } from '../../../../src/main/desktop/io/credential-vault'
import { FakeSafeStorage } from '../fakes/electron'

let root: string
let file: string
let safeStorage: FakeSafeStorage

function vault(platform: NodeJS.Platform = 'linux'): CredentialVault {
  return new CredentialVault(createSafeStorageSecretStore(safeStorage, platform), file, () => 'en')
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'vod-vault-'))
  file = path.join(root, 'credentials.bin')
  safeStorage = new FakeSafeStorage()
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('CredentialVault', () => {
  const secret = 'S3cr3t-Value-That-Must-Not-Leak'

  it('stores an encrypted blob and reads it back in main', async () => {
    await vault().save({
      kind: 'access-key',
      accessKeyId: ' LTAI5tExampleKey9x ',
      accessKeySecret: secret,
    })
    const blob = await readFile(file)
    expect(blob.includes(Buffer.from(secret))).toBe(false)
    expect(await vault().load()).toEqual({
      kind: 'access-key',
      accessKeyId: 'LTAI5tExampleKey9x',
      accessKeySecret: secret,
    })
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it('keeps STS credentials with their token', async () => {
    await vault().save({
      kind: 'sts',
      accessKeyId: 'STS.NUexample',
      accessKeySecret: secret,
      securityToken: 'token',
      expiration: '2030-01-01T00:00:00Z',
    })
    expect(await vault().load()).toEqual({
      kind: 'sts',
      accessKeyId: 'STS.NUexample',
      accessKeySecret: secret,
      securityToken: 'token',
      expiration: '2030-01-01T00:00:00Z',
    })
  })

  it('describes what is stored without the secret', async () => {
    expect(await vault().status()).toMatchObject({ configured: false, accessKeyIdHint: null })
    await vault().save({
      kind: 'access-key',
      accessKeyId: 'LTAI5tExampleKey9x',
      accessKeySecret: secret,
    })
    const status = await vault().status()
    expect(status).toEqual({
      configured: true,
      accessKeyIdHint: 'LTAI••••••••ey9x',
      usesSecurityToken: false,
      secureStorage: { secure: true, backend: 'gnome_libsecret' },
    })
    expect(JSON.stringify(status)).not.toContain(secret)
  })

  it('refuses to save in plain text when Linux offers only basic_text', async () => {
    safeStorage.backend = 'basic_text'
    const attempt = vault().save({
      kind: 'access-key',
      accessKeyId: 'LTAI5tExampleKey9x',
      accessKeySecret: secret,
    })
    await expect(attempt).rejects.toBeInstanceOf(AppError)
    await expect(attempt).rejects.toMatchObject({ code: 'Unsupported' })
    expect(existsSync(file)).toBe(false)
  })

  it('refuses to save when the keychain is unavailable', async () => {
    safeStorage.available = false
    await expect(
      vault('win32').save({
        kind: 'access-key',
        accessKeyId: 'LTAI5tExampleKey9x',
        accessKeySecret: secret,
      }),
    ).rejects.toMatchObject({
      code: 'Unsupported',
    })
    expect(existsSync(file)).toBe(false)
  })

  it('rejects incomplete credentials', async () => {
    await expect(
      vault().save({ kind: 'access-key', accessKeyId: 'LTAI', accessKeySecret: '  ' }),
    ).rejects.toMatchObject({ code: 'InvalidInput' })
    await expect(
      vault().save({ kind: 'sts', accessKeyId: 'STS.x', accessKeySecret: 'y', securityToken: '' }),
    ).rejects.toMatchObject({
      code: 'InvalidInput',
    })
  })

  it('asks for the key again when the blob cannot be decrypted', async () => {
    await writeFile(file, 'not encrypted by this keychain')
    await expect(vault().load()).rejects.toMatchObject({ code: 'NotConfigured' })
    expect(await vault().status()).toMatchObject({ configured: false })
  })

  it('clears the stored key', async () => {
    await vault().save({
      kind: 'access-key',
      accessKeyId: 'LTAI5tExampleKey9x',
      accessKeySecret: secret,
    })
    await vault().clear()
    expect(await vault().load()).toBeNull()
  })
})

describe('maskAccessKeyId', () => {
  it('hides the middle', () => {
    expect(maskAccessKeyId('LTAI5tExampleKey9x')).toBe('LTAI••••••••ey9x')
    expect(maskAccessKeyId('short')).toBe('•••••')
  })
})

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import {
  createCredentialChain,
  credentialChainConfigured,
  sessionExpiration,
  type CredentialsProviderLike,
} from '../../../src/main/vod/credential-chain'

/** A provider that answers from a list, like a session provider holding `session`. */
function scriptedProvider(
  answers: Array<Error | { id: string; expiration?: string }>,
): CredentialsProviderLike & { calls: number; session?: { expiration: string } } {
  const provider = {
    calls: 0,
    session: undefined as { expiration: string } | undefined,
    async getCredentials() {
      const answer = answers[Math.min(provider.calls, answers.length - 1)]!
      provider.calls += 1
      await new Promise((resolve) => setTimeout(resolve, 5))
      if (answer instanceof Error) throw answer
      provider.session = answer.expiration ? { expiration: answer.expiration } : undefined
      return {
        accessKeyId: answer.id,
        accessKeySecret: 'secret',
        securityToken: 'CAIStoken',
        providerName: 'default/credential_uri',
      }
    },
    getProviderName: () => 'default',
  }
  return provider
}

let folder: string | undefined

afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true })
  folder = undefined
})

describe('createCredentialChain', () => {
  it('asks the provider for every call and reports the source and its session expiry', async () => {
    const provider = scriptedProvider([
      { id: 'STS.one', expiration: '2026-12-07T10:00:06Z' },
      { id: 'STS.two', expiration: '2026-12-07T10:00:12Z' },
    ])
    const chain = createCredentialChain({ createProvider: () => provider })
    expect(chain.status()).toEqual({ profile: null, provider: null, expiresAt: null, error: null })
    expect((await chain.current()).accessKeyId).toBe('STS.one')
    expect((await chain.current()).accessKeyId).toBe('STS.two')
    expect(chain.status()).toEqual({
      profile: null,
      provider: 'default/credential_uri',
      expiresAt: '2026-12-07T10:00:12Z',
      error: null,
    })
  })

  it('shares one question among calls that come together', async () => {
    const provider = scriptedProvider([{ id: 'STS.one' }, { id: 'STS.two' }])
    const chain = createCredentialChain({ createProvider: () => provider })
    const answers = await Promise.all([chain.current(), chain.current(), chain.current()])
    expect(answers.map((answer) => answer.accessKeyId)).toEqual(['STS.one', 'STS.one', 'STS.one'])
    expect(provider.calls).toBe(1)
  })

  it('fails with CredentialsUnavailable, secrets cut out, and builds the provider anew next time', async () => {
    const built: string[] = []
    const chain = createCredentialChain({
      profile: 'editor',
      createProvider: (profile) => {
        built.push(profile ?? '')
        return built.length === 1
          ? scriptedProvider([
              new Error(
                'error retrieving credentials from credentialsURI result: {"AccessKeySecret":"s3cret","SecurityToken":"CAIS…"}',
              ),
            ])
          : scriptedProvider([{ id: 'LTAI.ok' }])
      },
    })
    const error = await chain.current().then(
      () => undefined,
      (rejection: unknown) => rejection,
    )
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('CredentialsUnavailable')
    expect((error as AppError).message).not.toContain('s3cret')
    expect(chain.status().error).toContain('credentialsURI')
    expect(chain.status().profile).toBe('editor')
    expect((await chain.current()).accessKeyId).toBe('LTAI.ok')
    expect(built).toEqual(['editor', 'editor'])
    expect(chain.status().error).toBeNull()
  })
})

describe('sessionExpiration', () => {
  it('finds the session through the providers the SDK wraps', () => {
    const session = { session: { expiration: '2026-12-07T10:00:00Z' } }
    expect(sessionExpiration({ lastUsedProvider: { innerProvider: session } })).toBe(
      '2026-12-07T10:00:00Z',
    )
    expect(sessionExpiration({ lastUsedProvider: { accessKeyId: 'static' } })).toBeUndefined()
  })
})

describe('credentialChainConfigured', () => {
  it('sees the chain variables and the two profile files', async () => {
    folder = await mkdtemp(join(tmpdir(), 'vod-chain-'))
    expect(credentialChainConfigured({}, folder)).toBe(false)
    expect(credentialChainConfigured({ ALIBABA_CLOUD_CREDENTIALS_URI: 'http://x/' }, folder)).toBe(
      true,
    )
    await mkdir(join(folder, '.alibabacloud'))
    await writeFile(join(folder, '.alibabacloud', 'credentials'), '[default]\n')
    expect(credentialChainConfigured({}, folder)).toBe(true)
  })
})

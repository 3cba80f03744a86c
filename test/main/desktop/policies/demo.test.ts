import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { demoEnvironment, planDemo } from '../../../../src/main/desktop/policies/demo'

const base = {
  appDataPath: '/home/editor/.config',
  downloadFolder: '/home/editor/Downloads/VOD Downloader',
  productName: 'VOD Downloader',
}

describe('planDemo', () => {
  it('gives the demo a profile and a download folder of its own', () => {
    expect(planDemo({ ...base, requested: true, packaged: false })).toEqual({
      kind: 'on',
      userDataDirectory: path.join('/home/editor/.config', 'VOD Downloader Demo'),
      downloadFolder: '/home/editor/Downloads/VOD Downloader Demo',
    })
    expect(planDemo({ ...base, requested: false, packaged: false })).toEqual({ kind: 'off' })
  })

  it('refuses in an installed app, which ships no demo media', () => {
    expect(planDemo({ ...base, requested: true, packaged: true })).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('development build only') as string,
    })
  })
})

describe('demoEnvironment', () => {
  it("uses the demo key as environment credentials and drops the caller's own", () => {
    const environment = demoEnvironment(
      {
        PATH: '/usr/bin',
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIreal',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'real-secret',
        ALIBABA_CLOUD_SECURITY_TOKEN: 'real-token',
        ALIBABA_CLOUD_CREDENTIALS_URI: 'http://169.254.0.1/creds',
        VOD_ENDPOINT: 'https://vod.example.com',
      },
      {
        endpoint: 'http://127.0.0.1:4567',
        regionId: 'cn-shanghai',
        accessKeyId: 'LTAIdemo',
        accessKeySecret: 'demo-secret',
      },
    )
    expect(environment).toEqual({
      PATH: '/usr/bin',
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIdemo',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'demo-secret',
      ALIBABA_CLOUD_REGION_ID: 'cn-shanghai',
      VOD_ENDPOINT: 'http://127.0.0.1:4567',
    })
  })
})

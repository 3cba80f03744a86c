import { afterEach, describe, expect, it } from 'vitest'
import { dispatchRequest, requestNames, type EventMessage } from '../../../src/shared/contract'
import { startAppHarness, type AppHarness } from './harness'

let harness: AppHarness | undefined

afterEach(async () => {
  await harness?.cleanup()
  harness = undefined
})

describe('app runtime', () => {
  it('implements every request of the contract and refuses others', async () => {
    harness = await startAppHarness({ connect: false })
    for (const name of requestNames)
      expect(typeof harness.runtime.handlers[name], name).toBe('function')
    const unknown = await dispatchRequest(harness.runtime.handlers, 'jobs.delete', {})
    expect(unknown).toMatchObject({ ok: false, error: { code: 'InvalidInput' } })
    expect(await harness.call('app.info', {})).toEqual({
      version: '9.9.9-test',
      shell: 'headless',
      platform: process.platform,
      capabilities: {
        revealFiles: false,
        openFiles: false,
        dragFiles: false,
        chooseDirectory: false,
        tray: false,
        startAtLogin: false,
      },
    })
    expect((await harness.failure('library.search', { mediaType: 'video' })).code).toBe(
      'NotConfigured',
    )
    expect((await harness.failure('dialog.chooseDirectory', {})).code).toBe('Unsupported')
  })

  it('sends events to every subscriber and keeps secrets out of events, answers and logs', async () => {
    harness = await startAppHarness({ connect: false })
    const { emulator } = harness
    const second: EventMessage[] = []
    const unsubscribe = harness.runtime.events.subscribe((message) => second.push(message))
    const credentials = {
      kind: 'access-key' as const,
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
      regionId: emulator.regionId,
      endpoint: emulator.endpoint,
    }
    const answers: unknown[] = []
    answers.push(await harness.call('account.test', { credentials }))
    answers.push(await harness.call('account.save', credentials))
    answers.push(await harness.call('account.get', {}))
    answers.push(await harness.call('settings.get', {}))
    const details = await harness.call('media.details', {
      mediaId: emulator.library.roles.normalWithHdMp4,
      mediaType: 'video',
    })
    answers.push(details)
    const hd = details.files.find((file) => file.definition === 'HD' && file.format === 'mp4')!
    const [job] = (
      await harness.call('downloads.enqueue', { items: [{ reference: hd.reference }] })
    ).jobs
    await harness.waitForJob(job!.id, ['completed'])
    answers.push(await harness.call('downloads.list', {}))
    unsubscribe()

    const names = new Set(harness.events.map((message) => message.event))
    expect([...names]).toEqual(expect.arrayContaining(['account.changed', 'jobs.changed']))
    expect(second.length).toBeGreaterThan(0)
    expect(second).toEqual(harness.events.slice(0, second.length))
    const text = JSON.stringify([harness.events, answers, harness.logLines])
    expect(text).not.toContain(emulator.accessKeySecret)
    expect(text).not.toContain(emulator.accessKeyId)
  })
})

import { describe, expect, it } from 'vitest'
import type { CliContext } from '../../src/cli/context'
import { cliLogger } from '../../src/cli/home'

function contextWritingTo(lines: string[]): CliContext {
  const stream = {
    write: (text: string) => {
      lines.push(text)
      return true
    },
  }
  return {
    environment: {},
    workingDirectory: '/',
    stdout: stream,
    stderr: stream,
    onInterrupt: () => () => undefined,
  }
}

describe('cliLogger', () => {
  it('never writes a signature, key id or token to the terminal', () => {
    const lines: string[] = []
    const log = cliLogger(contextWritingTo(lines), true)
    log.info('job 1: http://cdn.example.com/201508150800/9044548ef1527deadafa49a890a377f0/a.mp3')
    log.warn('job 2: http://cdn.example.com/a37fa50a5fb8f71214b1e7c95ec7a1bd/55CE8100/b.flv')
    log.error(
      'job 3: https://b.oss-cn-shanghai.aliyuncs.com/c.mp4?OSSAccessKeyId=LTAIclikey&Signature=clisig&Expires=1',
    )
    const written = lines.join('')
    for (const secret of [
      '9044548ef1527deadafa49a890a377f0',
      'a37fa50a5fb8f71214b1e7c95ec7a1bd',
      'LTAIclikey',
      'clisig',
    ]) {
      expect(written).not.toContain(secret)
    }
    expect(written).toContain('warning: job 2: http://cdn.example.com/REDACTED/55CE8100/b.flv')
  })
})

import { describe, expect, it } from 'vitest'
import { en } from '../../../src/renderer/src/i18n/en'
import { formatMessage } from '../../../src/renderer/src/i18n/messages'
import { zhCN } from '../../../src/renderer/src/i18n/zh-CN'

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort()
}

describe('message catalogues', () => {
  it('have the same keys (the type check enforces it; this guards the build output)', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort())
  })

  it('use the same placeholders in both languages', () => {
    for (const [key, message] of Object.entries(en)) {
      expect(placeholders(zhCN[key as keyof typeof en]), key).toEqual(placeholders(message))
    }
  })

  it('has Chinese text in the Chinese catalogue', () => {
    expect(zhCN['nav.downloads']).toMatch(/[\u4e00-\u9fff]/)
  })

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('{count} of {total}', { count: 2, total: 5 })).toBe('2 of 5')
    expect(formatMessage('{missing}', {})).toBe('{missing}')
    expect(formatMessage(en['template.problem.unknownPlaceholder'], { name: 'foo' })).toBe(
      '{foo} is not a placeholder.',
    )
  })
})

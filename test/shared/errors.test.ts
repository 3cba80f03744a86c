import { describe, expect, it } from 'vitest'
import {
  AppError,
  asAppError,
  errorCodes,
  formatErrorMessage,
  toErrorData,
} from '../../src/shared/errors'

describe('errors', () => {
  it('has an English and a Chinese message for every code', () => {
    for (const code of errorCodes) {
      expect(formatErrorMessage(code, undefined, 'en')).toMatch(/\w/)
      expect(formatErrorMessage(code, undefined, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('appends the detail to both languages', () => {
    const data = toErrorData('DiskFull', 'movie.mp4')
    expect(data.message).toContain('(movie.mp4)')
    expect(data.messageZh).toContain('(movie.mp4)')
  })

  it('keeps our codes and wraps foreign errors as Internal', () => {
    expect(asAppError(new AppError('NotFound')).code).toBe('NotFound')
    expect(asAppError(new Error('boom')).code).toBe('Internal')
  })
})

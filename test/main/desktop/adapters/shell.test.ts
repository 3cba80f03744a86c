import { describe, expect, it } from 'vitest'
import { openExternalSafely, openPathWithSystem } from '../../../../src/main/desktop/adapters/shell'
import { FakeShell } from '../fakes/electron'

describe('shell adapter', () => {
  it('opens only http(s) links', async () => {
    const shell = new FakeShell()
    expect(await openExternalSafely(shell, 'https://help.aliyun.com/')).toBe(true)
    expect(await openExternalSafely(shell, 'file:///bin/sh')).toBe(false)
    expect(shell.external).toEqual(['https://help.aliyun.com/'])
  })

  it('reports a folder that could not be opened', async () => {
    const shell = new FakeShell()
    expect(await openPathWithSystem(shell, '/media')).toBeNull()
    shell.openPathError = 'Failed to open path'
    expect(await openPathWithSystem(shell, '/gone')).toBe('Failed to open path')
  })
})

import { describe, expect, it } from 'vitest'
import {
  bearerToken,
  isAllowedHost,
  isAllowedOrigin,
  tokenMatches,
} from '../../src/host/request-guard'
import { staticFilePath } from '../../src/host/static-files'
import { hostContentSecurityPolicy } from '../../src/host/content-security-policy'
import { createBridgeToken } from '../../src/host/bridge-server'
import { join, resolve } from 'node:path'

describe('host request guard', () => {
  it('accepts only this host in Host and Origin', () => {
    expect(isAllowedHost('127.0.0.1:4000', 4000)).toBe(true)
    expect(isAllowedHost('LOCALHOST:4000', 4000)).toBe(true)
    expect(isAllowedHost('127.0.0.1:4001', 4000)).toBe(false)
    expect(isAllowedHost('evil.example:4000', 4000)).toBe(false)
    expect(isAllowedHost('127.0.0.1', 4000)).toBe(false)
    expect(isAllowedHost(undefined, 4000)).toBe(false)
    expect(isAllowedOrigin(undefined, 4000)).toBe(true)
    expect(isAllowedOrigin('http://localhost:4000', 4000)).toBe(true)
    expect(isAllowedOrigin('http://127.0.0.1:4000', 4000)).toBe(true)
    expect(isAllowedOrigin('https://127.0.0.1:4000', 4000)).toBe(false)
    expect(isAllowedOrigin('http://127.0.0.1:4000.evil.example', 4000)).toBe(false)
    expect(isAllowedOrigin('null', 4000)).toBe(false)
  })

  it('reads bearer tokens and compares them exactly', () => {
    expect(bearerToken('Bearer abc')).toBe('abc')
    expect(bearerToken('bearer   abc  ')).toBe('abc')
    expect(bearerToken('Basic abc')).toBeUndefined()
    expect(bearerToken(undefined)).toBeUndefined()
    const token = createBridgeToken()
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(createBridgeToken()).not.toBe(token)
    expect(tokenMatches(token, token)).toBe(true)
    expect(tokenMatches(`${token}x`, token)).toBe(false)
    expect(tokenMatches(token.slice(1), token)).toBe(false)
    expect(tokenMatches('', token)).toBe(false)
    expect(tokenMatches(undefined, token)).toBe(false)
  })

  it('maps URL paths to files inside the renderer folder only', () => {
    const root = resolve('/srv/renderer')
    expect(staticFilePath(root, '/')).toBe(join(root, 'index.html'))
    expect(staticFilePath(root, '/assets/index-1.js')).toBe(join(root, 'assets', 'index-1.js'))
    expect(staticFilePath(root, '/assets/%E4%B8%AD.png')).toBe(join(root, 'assets', '中.png'))
    for (const hostile of [
      '/../etc/passwd',
      '/%2e%2e/etc/passwd',
      '/assets/%2E%2E/%2E%2E/etc/passwd',
      '/..%2f..%2fetc%2fpasswd',
      '/..%5c..%5cwindows',
      '/index.html%00.png',
      '/%E0%A4%A',
      '/assets/..',
    ]) {
      expect(staticFilePath(root, hostile), hostile).toBeUndefined()
    }
  })

  it('extends the app CSP with the WebSocket back to this host only', () => {
    const policy = hostContentSecurityPolicy(4567)
    expect(policy).toContain("connect-src 'self' ws://127.0.0.1:4567 ws://localhost:4567")
    expect(policy).toContain("script-src 'self';")
    expect(policy).toContain("default-src 'none'")
    expect(policy).not.toContain('unsafe-eval')
  })
})

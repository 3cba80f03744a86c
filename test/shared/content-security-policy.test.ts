import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type InlineConfig, type Plugin, type UserConfig } from 'vite'
import electronViteConfig from '../../electron.vite.config'
import rendererViteConfig from '../../vite.renderer.config'
import { contentSecurityPolicyPluginName } from '../../scripts/content-security-policy-plugin'
import { contentSecurityPolicy } from '../../src/shared/content-security-policy'

const root = join(import.meta.dirname, '..', '..')

/**
 * Stands in for the app's code (src/main.tsx and everything it imports), so the build below
 * runs through the real config and its index.html handling in a second, whatever state the
 * React code is in. The HTML is transformed exactly as in a full build.
 */
function stubRendererEntry(): Plugin {
  const stubId = '\0renderer-entry-stub'
  return {
    name: 'test-renderer-entry-stub',
    enforce: 'pre',
    resolveId: (id) => (id.endsWith('/src/main.tsx') ? stubId : undefined),
    load: (id) => (id === stubId ? 'export {}' : undefined),
  }
}

/** The policies of every CSP meta tag in a page, entities decoded. */
function metaPolicies(html: string): string[] {
  const tags = html.match(/<meta\b[^>]*http-equiv="Content-Security-Policy"[^>]*>/gi) ?? []
  return tags.map((tag) => {
    const content = /\bcontent="([^"]*)"/i.exec(tag)?.[1] ?? ''
    return content
      .replace(/&#39;|&#x27;|&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
  })
}

let output: string

beforeAll(async () => {
  output = await mkdtemp(join(tmpdir(), 'vod-csp-build-'))
})

afterAll(async () => {
  await rm(output, { recursive: true, force: true })
})

async function buildIndexHtml(config: InlineConfig, outDir: string): Promise<string> {
  await build({
    ...config,
    logLevel: 'silent',
    plugins: [...(config.plugins ?? []), stubRendererEntry()],
    build: { ...config.build, outDir, emptyOutDir: true },
  })
  return readFile(join(outDir, 'index.html'), 'utf8')
}

describe('the built renderer', () => {
  it.each([
    [
      'vite.renderer.config.ts (headless host, browser suites)',
      (): InlineConfig => ({ configFile: join(root, 'vite.renderer.config.ts') }),
    ],
    [
      'electron.vite.config.ts (desktop app)',
      (): InlineConfig => ({
        configFile: false,
        ...(electronViteConfig as { renderer: UserConfig }).renderer,
      }),
    ],
  ])('carries exactly the builder’s file:// policy in its meta tag: %s', async (name, config) => {
    const html = await buildIndexHtml(config(), join(output, name.split(' ')[0]!))
    expect(metaPolicies(html)).toEqual([contentSecurityPolicy({ kind: 'file' })])
    expect(html.indexOf('<meta charset')).toBeLessThan(1024)
    // First in <head>, so it covers every script and style the page loads.
    const head = html.slice(html.indexOf('<head>'))
    expect(head.search(/<meta\b[^>]*Content-Security-Policy/i)).toBeLessThan(
      head.search(/<(script|link)\b/i),
    )
  })

  it('is built with the policy plugin by both renderer configs', () => {
    for (const config of [
      rendererViteConfig,
      (electronViteConfig as { renderer: UserConfig }).renderer,
    ]) {
      const names = (config.plugins ?? []).flat().map((plugin) => (plugin as Plugin | null)?.name)
      expect(names).toContain(contentSecurityPolicyPluginName)
    }
  })
})

describe('contentSecurityPolicy', () => {
  it('allows no local WebSocket from the file:// window and bounds base and form targets', () => {
    const policy = contentSecurityPolicy({ kind: 'file' })
    expect(policy).toContain("connect-src 'self';")
    expect(policy).not.toMatch(/ws:|wss:|127\.0\.0\.1|localhost|\*/)
    expect(policy).toContain("base-uri 'none'")
    expect(policy).toContain("form-action 'none'")
    expect(policy).toContain("default-src 'none'")
    expect(policy).toContain("script-src 'self';")
    // Ignored (with a console error) in a meta tag, so only the header variants carry it.
    expect(policy).not.toContain('frame-ancestors')
  })

  it('lets the headless host page reach its own event socket and nothing else', () => {
    const policy = contentSecurityPolicy({ kind: 'headless-host', port: 40211 })
    expect(policy).toContain("connect-src 'self' ws://127.0.0.1:40211 ws://localhost:40211;")
    expect(policy).not.toContain('ws://127.0.0.1:*')
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toContain("script-src 'self';")
  })
})

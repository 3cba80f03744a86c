import type { Plugin } from 'vite'
import { contentSecurityPolicy } from '../src/shared/content-security-policy'

/** The plugin's name, so tests can tell that a build config uses it. */
export const contentSecurityPolicyPluginName = 'vod-content-security-policy'

/**
 * Writes the renderer's Content-Security-Policy into the built index.html as the first tag of
 * its `<head>`, from the one builder in src/shared/content-security-policy.ts. The desktop
 * window loads that file from `file://`, where this tag is the only policy in force. Builds
 * only: the dev server gets the policy as a header (src/main/desktop/adapters/security.ts), and
 * a meta tag there would forbid what React refresh needs. A hand-written policy in the source
 * index.html fails the build, so the two can never drift apart again.
 */
export function contentSecurityPolicyPlugin(): Plugin {
  return {
    name: contentSecurityPolicyPluginName,
    apply: 'build',
    transformIndexHtml(html) {
      if (/http-equiv\s*=\s*["']?content-security-policy/i.test(html)) {
        throw new Error(
          'index.html declares its own Content-Security-Policy; the build writes it from src/shared/content-security-policy.ts',
        )
      }
      return [
        {
          tag: 'meta',
          attrs: {
            'http-equiv': 'Content-Security-Policy',
            content: contentSecurityPolicy({ kind: 'file' }),
          },
          injectTo: 'head-prepend',
        },
      ]
    },
  }
}

import { contentSecurityPolicy } from '../shared/content-security-policy'

/**
 * The header policy for the built renderer served by this host: the app's one policy
 * (src/shared/content-security-policy.ts) with the one thing a browser page needs in addition,
 * its WebSocket back to this host. The page's meta tag carries the desktop window's policy as
 * well; a browser enforces both, and both come from the same builder.
 */
export function hostContentSecurityPolicy(port: number): string {
  return contentSecurityPolicy({ kind: 'headless-host', port })
}

import { contentSecurityPolicy } from '../main/desktop/policies/security'

/**
 * The desktop app's Content-Security-Policy for the built renderer, with the one thing a browser
 * page needs in addition: its WebSocket back to this host. Taking the desktop's policy instead of
 * writing a second one keeps the two from drifting apart.
 */
export function hostContentSecurityPolicy(port: number): string {
  const base = contentSecurityPolicy({ kind: 'file', url: 'file:///index.html' })
  const sockets = [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]
  return base
    .split('; ')
    .map((directive) =>
      directive.startsWith('connect-src ') ? `${directive} ${sockets.join(' ')}` : directive,
    )
    .join('; ')
}

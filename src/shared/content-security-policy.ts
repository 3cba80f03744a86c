/**
 * The renderer's one Content-Security-Policy, for every way the UI is delivered. The built
 * index.html gets it as a `<meta>` tag at build time (scripts/content-security-policy-plugin.ts,
 * used by both renderer builds), because the desktop window loads that file from `file://`,
 * where no response header exists; the electron-vite dev server and the headless host send it
 * as a header. Pure, so main, the host and the build configs all import it.
 */

/** Where the page comes from, as far as its policy is concerned. */
export type ContentSecurityPolicyTarget =
  /** The built index.html in the desktop window (`file://`): delivered by the meta tag. */
  | { kind: 'file' }
  /** electron-vite's dev server while developing: a header, with React refresh's needs. */
  | { kind: 'dev-server'; origin: string }
  /** The built renderer served by the headless host on 127.0.0.1: a header, plus its socket. */
  | { kind: 'headless-host'; port: number }

/**
 * Scripts only from the app itself; images also from the network (VOD covers and snapshots are
 * served by CDNs over http and https); no plugins, frames, forms or base-URL tricks; network
 * connections only to the page's own origin. The development variant adds what Vite's React
 * refresh needs (an inline preamble and a WebSocket back to the dev server); the headless host
 * names its own event socket, and nothing else on 127.0.0.1. `frame-ancestors` only works in a
 * header (browsers ignore it, with a console error, in a meta tag), so the `file` policy leaves
 * it out; a `file://` window cannot be framed by a web page anyway.
 */
export function contentSecurityPolicy(target: ContentSecurityPolicyTarget): string {
  const connect = ["'self'"]
  if (target.kind === 'dev-server') connect.push(target.origin.replace(/^http/, 'ws'))
  if (target.kind === 'headless-host') {
    connect.push(`ws://127.0.0.1:${target.port}`, `ws://localhost:${target.port}`)
  }
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', target.kind === 'dev-server' ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', 'https:', 'http:']],
    ['media-src', ["'self'", 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', connect],
    ['worker-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ]
  if (target.kind !== 'file') directives.push(['frame-ancestors', ["'none'"]])
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ')
}

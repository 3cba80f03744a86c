import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * The file a URL path names inside `root`, or undefined when it names anything else: an
 * undecodable path, a NUL byte, `..` (also percent-encoded, which URL parsing does not
 * collapse), a backslash trick, or a path that leaves the root. Pure apart from `resolve`.
 */
export function staticFilePath(root: string, urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined
  const relativePath =
    decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  if (relativePath.split('/').some((segment) => segment === '..')) return undefined
  const base = resolve(root)
  const target = resolve(base, relativePath)
  const fromBase = relative(base, target)
  if (
    fromBase === '' ||
    fromBase.startsWith(`..${sep}`) ||
    fromBase === '..' ||
    isAbsolute(fromBase)
  ) {
    return undefined
  }
  return target
}

/** True when `target` still lies inside `root` once symbolic links are followed. */
async function insideAfterLinks(root: string, target: string): Promise<boolean> {
  const [realRoot, realTarget] = await Promise.all([realpath(root), realpath(target)])
  const fromRoot = relative(realRoot, realTarget)
  return (
    fromRoot !== '' &&
    !fromRoot.startsWith(`..${sep}`) &&
    fromRoot !== '..' &&
    !isAbsolute(fromRoot)
  )
}

/**
 * Serves the built renderer: GET and HEAD of regular files under `root`, nothing else. The
 * caller has already checked the Host header and set the security headers.
 */
export async function serveStaticFile(
  root: string,
  urlPath: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
    response.end('Method not allowed\n')
    return
  }
  const target = staticFilePath(root, urlPath)
  const found = target === undefined ? undefined : await stat(target).catch(() => undefined)
  if (target === undefined || !found?.isFile() || !(await insideAfterLinks(root, target))) {
    const missingIndex = urlPath === '/' || urlPath === '/index.html'
    response.writeHead(missingIndex ? 503 : 404, { 'Content-Type': 'text/plain; charset=utf-8' })
    response.end(
      missingIndex
        ? `The renderer is not built. Run \`npm run build:renderer\` and reload.\n`
        : 'Not found\n',
    )
    return
  }
  const isIndex = target === join(resolve(root), 'index.html')
  response.writeHead(200, {
    'Content-Type': contentTypes[extname(target).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(found.size),
    // The page is tiny and holds no secret, but a stale one after a rebuild would be confusing.
    'Cache-Control': isIndex ? 'no-store' : 'no-cache',
  })
  if (request.method === 'HEAD') {
    response.end()
    return
  }
  createReadStream(target)
    .on('error', () => response.destroy())
    .pipe(response)
}

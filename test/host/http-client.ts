import { request } from 'node:http'

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/**
 * One HTTP request with full control of the path and headers (fetch would normalise `..` and
 * refuses to set Host), for testing what the host refuses.
 */
export function rawRequest(
  port: number,
  options: {
    method?: string
    path: string
    headers?: Record<string, string>
    body?: string | Buffer
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        response.on('error', reject)
      },
    )
    outgoing.on('error', reject)
    outgoing.end(options.body)
  })
}

/** A JSON API call the way the renderer makes it. */
export function apiRequest(
  port: number,
  name: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return rawRequest(port, {
    method: 'POST',
    path: `/api/${name}`,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ input }),
  })
}

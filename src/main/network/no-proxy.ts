/**
 * The `NO_PROXY` convention (curl, wget, Go, proxy-from-env): a list separated by commas or
 * spaces of host names, domain suffixes (`.example.com`, `*.example.com`, or `example.com`
 * also matching its subdomains), IP addresses, `[::1]`, each with an optional `:port`, and `*`
 * for everything. Pure; used for the environment and for the Settings' "no proxy for" list.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const hostname = target.hostname.toLowerCase().replace(/^\[|\]$/g, '')
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80))
  return noProxy
    .split(/[,\s]+/)
    .filter((entry) => entry !== '')
    .some((entry) => matches(entry.toLowerCase(), hostname, port))
}

function matches(entry: string, hostname: string, port: number): boolean {
  if (entry === '*') return true
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  const plain = /^([^:]+)(?::(\d+))?$/.exec(entry)
  // An IPv6 address without brackets has colons of its own and no port.
  const [host, portText] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : plain
      ? [plain[1]!, plain[2]]
      : [entry, undefined]
  if (portText !== undefined && Number(portText) !== port) return false
  const domain = host.replace(/^\*?\./, '')
  if (domain === '') return false
  return hostname === domain || hostname.endsWith(`.${domain}`)
}

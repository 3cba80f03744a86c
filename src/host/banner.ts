import { maskAccessKeyId } from '../shared/contract'

/** What the host tells its user at start. */
export interface BannerFacts {
  /** The address to open: with the token in its fragment, or without it when `tokenFile` is set. */
  url: string
  /** Where the token was written instead of into the printed address (`--token-file`). */
  tokenFile?: string
  port: number
  dataFolder: string
  downloadFolder: string
  secrets: string
  /** The demo library's endpoint, when `--demo`. */
  demoEndpoint: string | undefined
  demoAccessKeyId: string | undefined
}

/** The start banner: what runs where, and the one address to open. Pure, for tests. */
export function startBanner(facts: BannerFacts): string {
  const lines = [
    'VOD Downloader — headless host',
    `  data folder   ${facts.dataFolder}`,
    `  downloads     ${facts.downloadFolder}`,
    `  secrets       ${facts.secrets}`,
  ]
  if (facts.demoEndpoint !== undefined) {
    const key =
      facts.demoAccessKeyId === undefined ? '' : ` (${maskAccessKeyId(facts.demoAccessKeyId)})`
    lines.push(`  demo library  VOD emulator at ${facts.demoEndpoint}, saved as the account${key}`)
  }
  lines.push(`  listening     127.0.0.1:${facts.port} (this machine only)`, '')
  if (facts.tokenFile === undefined) {
    lines.push(
      'Open this address in a browser on this machine. It contains the access token: do not share it.',
      `  ${facts.url}`,
    )
  } else {
    lines.push(
      `The access token is in ${facts.tokenFile} (readable only by you), not in this output.`,
      'Open this address in a browser on this machine, followed by #token= and the token:',
      `  ${facts.url}`,
    )
  }
  lines.push('', 'Ctrl+C stops the host; unfinished downloads resume on the next start.')
  return lines.join('\n')
}

/** Said when out/renderer has not been built. */
export function rendererMissingMessage(rendererDirectory: string): string {
  return [
    `The renderer is not built (no index.html in ${rendererDirectory}).`,
    'Build it once with:',
    '  npm run build:renderer',
    'then start the host again.',
  ].join('\n')
}

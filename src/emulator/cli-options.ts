import { parseArgs } from 'node:util'
import type { EmulatorOptions, HlsOptions, RunningEmulator } from './index'
import { cdnSegmentAddressings, ossSegmentAddressings } from './media/manifest'

/** Command-line parsing and the start-up banner of `npm run emulator`, kept free of I/O. */

export const usage = `Usage: npm run emulator [-- options]

Options:
  --port <n>              port on 127.0.0.1 (default 8790; 0 = random)
  --url-lifetime <s>      cap every signed media URL's lifetime, in seconds
  --extra-videos <n>      add n generated videos (e.g. 6000 to exercise ScrollToken)
  --extra-video-kib <n>   source master size of each generated video (default: a 136 KiB clip)
  --large-source-mib <n>  size of the synthetic large source masters (default 300)
  --extra-images <n>      add n generated images (the many-small-files benchmark)
  --extra-image-kib <n>   size of each generated image (default 64)
  --referer <domain>      CDN Referer allow list entry (repeatable)
  --allow-empty-referer   with --referer: also allow requests without a Referer
  --deny-ip <ip|cidr>     CDN IP deny list entry (repeatable)
  --hls-key-token <t>     token the HLS key service requires (default: any non-empty)
  --sts-lifetime <s>      lifetime of the STS sessions the credentials URI issues (default 3600)
  --play-domain <name>    a further CDN domain GetPlayInfo's PlayConfig.PlayDomain can pick
                          (repeatable; served under /cdn/~<name>/)
  --scroll-token-lifetime <s>  how long a SearchMedia ScrollToken is accepted (default 1800)
  --restore-seconds <s>   how long a restore from archive storage takes (default 20 s for
                          Archive, 30/60/120 s for Cold Archive Expedited/Standard/Bulk)
  --hls-cdn-segments <m>  HLS segment URIs on the CDN: rewrite (default; each signed by the
                          edge), pass-through (bare; served with the playlist's auth_key) or
                          unsigned (bare; served without a signature)
  --hls-oss-segments <m>  HLS segment URIs on OSS: signed (default; like hls/sign) or unsigned
                          (bare; every object still needs its own signature)
  --hls-key-host <h>      HLS key URIs: same (default; the media host) or separate (a key
                          service on a port of its own)
  -h, --help              show this help`

export type CliCommand = { kind: 'help' } | { kind: 'start'; options: EmulatorOptions }

export const defaultCliPort = 8790

export function parseCliArguments(argv: readonly string[]): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      'url-lifetime': { type: 'string' },
      'extra-videos': { type: 'string' },
      'extra-video-kib': { type: 'string' },
      'large-source-mib': { type: 'string' },
      'extra-images': { type: 'string' },
      'extra-image-kib': { type: 'string' },
      referer: { type: 'string', multiple: true },
      'allow-empty-referer': { type: 'boolean' },
      'deny-ip': { type: 'string', multiple: true },
      'hls-key-token': { type: 'string' },
      'sts-lifetime': { type: 'string' },
      'play-domain': { type: 'string', multiple: true },
      'scroll-token-lifetime': { type: 'string' },
      'restore-seconds': { type: 'string' },
      'hls-cdn-segments': { type: 'string' },
      'hls-oss-segments': { type: 'string' },
      'hls-key-host': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  })
  if (values.help) return { kind: 'help' }
  const options: EmulatorOptions = {
    port: integer(values.port, '--port') ?? defaultCliPort,
  }
  const lifetime = integer(values['url-lifetime'], '--url-lifetime')
  if (lifetime !== undefined) options.maxUrlLifetimeSeconds = lifetime
  const extraVideos = integer(values['extra-videos'], '--extra-videos')
  if (extraVideos !== undefined) options.extraVideos = extraVideos
  const extraVideoKib = integer(values['extra-video-kib'], '--extra-video-kib')
  if (extraVideoKib !== undefined) options.extraVideoBytes = extraVideoKib * 1024
  const largeSourceMib = integer(values['large-source-mib'], '--large-source-mib')
  if (largeSourceMib !== undefined) options.largeSourceBytes = largeSourceMib * 1024 * 1024
  const extraImages = integer(values['extra-images'], '--extra-images')
  if (extraImages !== undefined) options.extraImages = extraImages
  const extraImageKib = integer(values['extra-image-kib'], '--extra-image-kib')
  if (extraImageKib !== undefined) options.extraImageBytes = extraImageKib * 1024
  if (values.referer || values['deny-ip']) {
    options.cdn = {
      ...(values.referer ? { refererAllowList: values.referer } : {}),
      ...(values['allow-empty-referer'] ? { allowEmptyReferer: true } : {}),
      ...(values['deny-ip'] ? { ipDenyList: values['deny-ip'] } : {}),
    }
  }
  if (values['hls-key-token']) options.hlsKeyToken = values['hls-key-token']
  const stsLifetime = integer(values['sts-lifetime'], '--sts-lifetime')
  if (stsLifetime !== undefined) options.stsSessionSeconds = stsLifetime
  if (values['play-domain']) options.playDomains = values['play-domain']
  const scrollLifetime = integer(values['scroll-token-lifetime'], '--scroll-token-lifetime')
  if (scrollLifetime !== undefined) options.scrollTokenLifetimeSeconds = scrollLifetime
  const restoreSeconds = integer(values['restore-seconds'], '--restore-seconds')
  if (restoreSeconds !== undefined) options.restoreSeconds = restoreSeconds
  const hls: HlsOptions = {}
  const cdnSegments = oneOf(values['hls-cdn-segments'], '--hls-cdn-segments', cdnSegmentAddressings)
  if (cdnSegments) hls.cdnSegments = cdnSegments
  const ossSegments = oneOf(values['hls-oss-segments'], '--hls-oss-segments', ossSegmentAddressings)
  if (ossSegments) hls.ossSegments = ossSegments
  const keyHost = oneOf(values['hls-key-host'], '--hls-key-host', ['same', 'separate'] as const)
  if (keyHost) hls.keyHost = keyHost
  if (Object.keys(hls).length > 0) options.hls = hls
  return { kind: 'start', options }
}

function oneOf<T extends string>(
  value: string | undefined,
  name: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`${name} needs one of ${allowed.join(', ')}, got "${value}"`)
  }
  return value as T
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new Error(`${name} needs a non-negative integer, got "${value}"`)
  return Number(value)
}

/** What the CLI prints once the emulator listens: where it is, the demo key and a first command. */
export function startBanner(emulator: RunningEmulator): string {
  const { library } = emulator
  const example =
    `node -e "new (require('@alicloud/pop-core'))({endpoint:'${emulator.endpoint}',apiVersion:'2017-03-21',` +
    `accessKeyId:'${emulator.accessKeyId}',accessKeySecret:'${emulator.accessKeySecret}'})` +
    `.request('GetPlayInfo',{VideoId:'${library.roles.normalWithHdMp4}',Formats:'mp4'})` +
    `.then((r)=>r.PlayInfoList.PlayInfo.forEach((p)=>console.log(p.Definition,p.PlayURL)))"`
  return [
    `ApsaraVideo VOD emulator listening on ${emulator.endpoint}`,
    `  Endpoint:          ${emulator.endpoint} (signature V1 and V3; media at /oss/ and /cdn/)`,
    `  Region:            ${emulator.regionId}`,
    `  AccessKey ID:      ${emulator.accessKeyId}`,
    `  AccessKey secret:  ${emulator.accessKeySecret}   (demo key, not a real credential)`,
    `  Credentials URI:   ${emulator.credentialsUri}   (STS sessions, for ALIBABA_CLOUD_CREDENTIALS_URI)`,
    ...(emulator.keyServiceUrl === emulator.endpoint
      ? []
      : [`  HLS key service:   ${emulator.keyServiceUrl}   (a host of its own)`]),
    `  Library:           ${library.videos.length} videos, ${library.audios.length} audios, ${library.images.length} images`,
    '',
    'Try (from the repository root):',
    `  ${example}`,
    '',
    'Press Ctrl+C to stop.',
  ].join('\n')
}

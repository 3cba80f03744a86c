import { z } from 'zod'
import { defaultFileNameTemplate, findFileNameTemplateProblem } from './file-name-template'

/**
 * User settings: one zod schema is the single source for the type, the validation main applies
 * to `settings.update`, and the limits the settings screen puts on its inputs.
 */

export const languageChoices = ['system', 'en', 'zh-CN'] as const
export type LanguageChoice = (typeof languageChoices)[number]

export const themeChoices = ['system', 'light', 'dark'] as const
export type ThemeChoice = (typeof themeChoices)[number]

/** "batch" groups a batch into one notification; users asked for it to stop notification spam. */
export const notificationChoices = ['each', 'batch', 'none'] as const
export type NotificationChoice = (typeof notificationChoices)[number]

export const addressTypes = ['cdn', 'oss'] as const

/** Which releases the desktop app updates itself to: stable ones, or betas as well. */
export const updateChannels = ['stable', 'beta'] as const
export type UpdateChannel = (typeof updateChannels)[number]

/**
 * What to do with a file whose name is already taken in the download folder: not download it,
 * download it under a numbered name, or (only when what holds the name is a download of ours
 * that never finished) drop that download and take its name. Nothing else is ever overwritten.
 */
export const nameConflictChoices = ['skip', 'keep-both', 'replace'] as const
export type NameConflictChoice = (typeof nameConflictChoices)[number]

/** Numeric limits, shared by the schema and the form inputs so they cannot drift apart. */
export const settingsLimits = {
  maxConcurrentJobs: { min: 1, max: 16 },
  connectionsPerJob: { min: 1, max: 32 },
  // 10 GiB/s is far above any link; the cap only rejects typos.
  speedLimitBytesPerSecond: { min: 0, max: 10 * 1024 ** 3 },
  // VOD replaces snapshot lifetimes under an hour and caps VOD-bucket OSS URLs at 7 days.
  authTimeoutSeconds: { min: 3600, max: 604_800 },
} as const

const httpUrlPattern = /^https?:\/\/[^\s/$.?#][^\s]*$/i

const fileNameTemplateSchema = z.string().superRefine((template, context) => {
  const problem = findFileNameTemplateProblem(template)
  if (problem) context.addIssue({ code: 'custom', message: `template: ${problem.kind}` })
})

function boundedInteger(limits: { min: number; max: number }): z.ZodInt {
  return z.int().min(limits.min).max(limits.max)
}

/**
 * A CDN domain name as VOD's PlayConfig.PlayDomain takes it: a bare host name (no scheme, port
 * or path), e.g. `media.example.com`.
 */
export const playDomainPattern =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i

/** Most hosts the `hlsKeyHosts` allow-list may name. */
export const maxHlsKeyHosts = 32

/** `host`, `host:port`, `*.example.com`, an IPv4 address or a bracketed IPv6 address. */
const hlsKeyHostPattern =
  /^(?:(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

/** The hosts of the `hlsKeyHosts` setting: separated by commas, spaces or line breaks. */
export function parseHlsKeyHosts(text: string): string[] {
  return text.split(/[\s,]+/).filter((host) => host !== '')
}

const hlsKeyHostsSchema = z
  .string()
  .max(2048)
  .refine((text) => {
    const hosts = parseHlsKeyHosts(text)
    return (
      hosts.length <= maxHlsKeyHosts &&
      // `*.com` would trust every host of a top-level domain.
      hosts.every((host) => hlsKeyHostPattern.test(host) && !/^\*\.[^.]*$/.test(host))
    )
  }, 'hosts: host, host:port or *.domain, separated by commas')

export const proxyModes = ['system', 'direct', 'manual'] as const
export type ProxyMode = (typeof proxyModes)[number]

/**
 * A manual proxy: `http://`, `https://`, `socks5://` or `socks5h://` with a host and a port,
 * without credentials (the user name is its own field, the password is sealed apart).
 */
const proxyServerPattern = /^(?:https?|socks5h?):\/\/(?:[a-z0-9.-]+|\[[0-9a-f:.]+\]):\d{1,5}$/i

export const settingsSchema = z.strictObject({
  /** Absolute folder; main fills the platform's Downloads folder on first start. */
  downloadDirectory: z.string().trim().min(1).max(4096),
  maxConcurrentJobs: boundedInteger(settingsLimits.maxConcurrentJobs),
  connectionsPerJob: boundedInteger(settingsLimits.connectionsPerJob),
  /** 0 means unlimited. */
  speedLimitBytesPerSecond: boundedInteger(settingsLimits.speedLimitBytesPerSecond),
  /** CDN bills CDN traffic and obeys Referer/IP/URL-signing rules; OSS bills OSS egress and bypasses them. */
  defaultAddressType: z.enum(addressTypes),
  /** Requested lifetime of signed URLs; the engine renews them before they expire anyway. */
  authTimeoutSeconds: boundedInteger(settingsLimits.authTimeoutSeconds),
  /** Referer sent with CDN downloads when the domain has a Referer allow-list; empty sends none. */
  cdnReferer: z.union([z.literal(''), z.string().max(2048).regex(httpUrlPattern)]),
  /**
   * Which of the account's CDN domains stream addresses use (GetPlayInfo's PlayConfig
   * PlayDomain); empty for the storage's default domain. A domain the storage does not have
   * is ignored by VOD, which then answers with the default one.
   */
  playDomain: z.union([z.literal(''), z.string().max(253).regex(playDomainPattern)]),
  fileNameTemplate: fileNameTemplateSchema,
  language: z.enum(languageChoices),
  theme: z.enum(themeChoices),
  notifications: z.enum(notificationChoices),
  /**
   * Whether an MtsHlsUriToken (the token HLS key requests carry) is saved. Read-only here: main
   * keeps the token sealed, `settings.saveHlsToken` / `settings.clearHlsToken` change it, and
   * nothing ever sends it back.
   */
  mtsHlsUriTokenConfigured: z.boolean(),
  /**
   * Key hosts besides the playlist's own that MtsHlsUriToken may be sent to (over https, or to
   * this computer); empty for none.
   */
  hlsKeyHosts: hlsKeyHostsSchema,
  closeToTray: z.boolean(),
  startAtLogin: z.boolean(),
  /**
   * The desktop app checks for, downloads and installs updates (installed builds only; the
   * headless host and the CLI never do).
   */
  autoUpdate: z.boolean(),
  updateChannel: z.enum(updateChannels),
  /** Name conflicts in a batch: asked once per batch (`ask`), or the choice remembered. */
  nameConflicts: z.enum(['ask', ...nameConflictChoices]),
  /**
   * `system`: the OS proxy settings and PAC script on the desktop, `HTTPS_PROXY` / `HTTP_PROXY`
   * / `NO_PROXY` in the headless host; `direct`: no proxy; `manual`: `proxyServer`.
   */
  proxyMode: z.enum(proxyModes),
  proxyServer: z.union([
    z.literal(''),
    z.string().max(300).regex(proxyServerPattern, 'proxy: scheme://host:port'),
  ]),
  proxyUsername: z.string().max(256).regex(/^[^\s]*$/, 'proxy user: no spaces'),
  /** Hosts the manual proxy is not used for, as in NO_PROXY (`localhost, .example.com`). */
  proxyBypass: z.string().max(2048),
})

export type Settings = z.infer<typeof settingsSchema>

/**
 * `settings.update` takes any subset of what a user sets; unknown keys (and the read-only
 * `mtsHlsUriTokenConfigured`) are rejected so typos never pass silently.
 */
export const settingsPatchSchema = settingsSchema.omit({ mtsHlsUriTokenConfigured: true }).partial()

export type SettingsPatch = z.infer<typeof settingsPatchSchema>

/** `settings.saveHlsToken`: a new MtsHlsUriToken; it goes one way, into sealed storage. */
export const hlsTokenInputSchema = z.strictObject({
  token: z.string().trim().min(1).max(1024),
})

/** Defaults for a first start. The download folder depends on the platform, so main passes it. */
export function createDefaultSettings(downloadDirectory: string): Settings {
  return {
    downloadDirectory,
    maxConcurrentJobs: 3,
    connectionsPerJob: 8,
    speedLimitBytesPerSecond: 0,
    defaultAddressType: 'cdn',
    authTimeoutSeconds: 86_400,
    cdnReferer: '',
    playDomain: '',
    fileNameTemplate: defaultFileNameTemplate,
    language: 'system',
    theme: 'system',
    notifications: 'batch',
    mtsHlsUriTokenConfigured: false,
    hlsKeyHosts: '',
    closeToTray: true,
    startAtLogin: false,
    autoUpdate: true,
    updateChannel: 'stable',
    nameConflicts: 'ask',
    proxyMode: 'system',
    proxyServer: '',
    proxyUsername: '',
    proxyBypass: 'localhost, 127.0.0.1, ::1',
  }
}

/** Returns a new settings object with the patch applied (the patch must already be parsed). */
export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  const next: Settings = { ...settings }
  for (const key of Object.keys(patch) as (keyof SettingsPatch)[]) {
    const value = patch[key]
    if (value !== undefined) Object.assign(next, { [key]: value })
  }
  return next
}

/**
 * Reads settings stored by an older or newer version: every field that still parses is kept and
 * every other field falls back to its default, so one bad value never resets a user's settings.
 */
export function readStoredSettings(stored: unknown, defaults: Settings): Settings {
  if (typeof stored !== 'object' || stored === null) return { ...defaults }
  const record = stored as Record<string, unknown>
  const result: Settings = { ...defaults }
  for (const key of Object.keys(settingsSchema.shape) as (keyof Settings)[]) {
    const parsed = settingsSchema.shape[key].safeParse(record[key])
    if (parsed.success) Object.assign(result, { [key]: parsed.data })
  }
  return result
}

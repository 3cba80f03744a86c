/**
 * The closed set of error codes that cross every boundary (engine → CLI, main → renderer).
 * A code is what a program acts on; the message is what a person reads, in zh-CN and English.
 * `detail` carries the specific fact (a file name, a server message) and is appended to both.
 */
export const errorCodes = [
  'InvalidInput',
  'Unauthorized',
  'NotConfigured',
  'InvalidAccessKey',
  'SignatureMismatch',
  'SecurityTokenExpired',
  'SecurityTokenMismatch',
  'SecurityTokenMalformed',
  'CredentialsUnavailable',
  'ClockSkew',
  'Forbidden',
  'ForeignRequest',
  'InsecureEndpoint',
  'ServiceNotOpened',
  'Throttled',
  'NonceReused',
  'NotFound',
  'IllegalStatus',
  'NoStream',
  'ProprietaryEncryption',
  'DashUnsupported',
  'SearchWindowFull',
  'MalformedResponse',
  'NetworkError',
  'Timeout',
  'ServerError',
  'HttpError',
  'UrlExpired',
  'RangeNotSupported',
  'ContentChanged',
  'ErrorPage',
  'SizeMismatch',
  'ChecksumMismatch',
  'DiskFull',
  'FilePermission',
  'FolderNotAllowed',
  'FileMissing',
  'Archived',
  'RestorePending',
  'RestoreFailed',
  'Busy',
  'DatabaseBusy',
  'BodyTooLarge',
  'Canceled',
  'Unsupported',
  'KeyUnavailable',
  'InsecureKey',
  'SegmentRefused',
  'ToolMissing',
  'ProxyAuthFailed',
  'ProxyRefused',
  'Internal',
] as const

export type ErrorCode = (typeof errorCodes)[number]

export type Language = 'en' | 'zh-CN'

interface Message {
  en: string
  'zh-CN': string
}

const messages: Record<ErrorCode, Message> = {
  InvalidInput: { en: 'The input is not valid.', 'zh-CN': '输入无效。' },
  Unauthorized: {
    en: 'This window is not connected to VOD Downloader. Open the address the app printed (it carries the access token).',
    'zh-CN': '此窗口未连接到 VOD Downloader。请打开程序输出的地址（地址中包含访问令牌）。',
  },
  NotConfigured: {
    en: 'No VOD account is configured. Add an AccessKey in Settings or set ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET, or use the credential chain (ALIBABA_CLOUD_CREDENTIALS_URI, a profile in ~/.aliyun/config.json or ~/.alibabacloud/credentials).',
    'zh-CN':
      '尚未配置点播账号。请在“设置”中添加 AccessKey，或设置环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET，或使用凭证链（ALIBABA_CLOUD_CREDENTIALS_URI、~/.aliyun/config.json 或 ~/.alibabacloud/credentials 中的配置）。',
  },
  InvalidAccessKey: {
    en: 'The AccessKey ID was not found or is disabled. Check the AccessKey in Settings.',
    'zh-CN': 'AccessKey ID 不存在或已停用，请在“设置”中检查 AccessKey。',
  },
  SignatureMismatch: {
    en: 'The AccessKey secret is wrong (the request signature did not match). Re-enter the secret.',
    'zh-CN': 'AccessKey Secret 错误（请求签名不匹配），请重新输入 Secret。',
  },
  SecurityTokenExpired: {
    en: 'The STS credentials have expired: update them in Settings. Downloads that need them wait and resume, bytes kept, as soon as new credentials are saved.',
    'zh-CN':
      'STS 临时凭证已过期，请在“设置”中更新凭证。需要凭证的下载会等待，保存新凭证后自动继续，已下载的数据会保留。',
  },
  SecurityTokenMismatch: {
    en: 'The STS security token does not belong to this AccessKey ID. Enter the AccessKey ID, secret and token of the same temporary credentials.',
    'zh-CN':
      'STS 安全令牌（SecurityToken）与该 AccessKey ID 不匹配，请填写同一组临时凭证的 AccessKey ID、Secret 和令牌。',
  },
  SecurityTokenMalformed: {
    en: 'The STS security token is missing or malformed (cut off or mistyped). Paste the whole token again.',
    'zh-CN':
      'STS 安全令牌（SecurityToken）缺失或格式错误（可能被截断或输错），请重新粘贴完整的令牌。',
  },
  CredentialsUnavailable: {
    en: 'No credentials could be obtained from the credential chain (environment variables, credentials URI, OIDC, ~/.aliyun/config.json, ~/.alibabacloud/credentials, ECS RAM role).',
    'zh-CN':
      '未能从凭证链获取凭证（环境变量、凭证 URI、OIDC、~/.aliyun/config.json、~/.alibabacloud/credentials、ECS 实例 RAM 角色）。',
  },
  ClockSkew: {
    en: "The computer's clock differs too much from the server's. Correct the system time and retry.",
    'zh-CN': '本机时间与服务器时间相差过大，请校正系统时间后重试。',
  },
  Forbidden: {
    en: 'Access was denied (RAM permission, Referer or IP rule). For CDN addresses try the OSS origin address or set a Referer.',
    'zh-CN':
      '访问被拒绝（RAM 权限、Referer 防盗链或 IP 黑名单）。CDN 地址可改用 OSS 源站地址或配置 Referer。',
  },
  ForeignRequest: {
    en: 'The headless host refused this request: it did not come from the page the host serves (its Host or Origin names another site). Open the address the host printed.',
    'zh-CN':
      '无界面主机拒绝了此请求：它不是来自主机自身提供的页面（Host 或 Origin 指向其他站点）。请打开主机输出的地址。',
  },
  InsecureEndpoint: {
    en: 'The endpoint must use https://; plain http:// is allowed only for this computer (127.0.0.1, ::1, localhost), such as the local VOD emulator. Signed requests and STS tokens are never sent unencrypted.',
    'zh-CN':
      '接入地址必须使用 https://；仅本机地址（127.0.0.1、::1、localhost，例如本地点播模拟器）可以使用 http://。签名请求和 STS 临时凭证不会以明文发送。',
  },
  ServiceNotOpened: {
    en: 'ApsaraVideo VOD is not activated for this account, or it is suspended.',
    'zh-CN': '该账号尚未开通视频点播服务，或服务已停用。',
  },
  Throttled: {
    en: 'The VOD API is throttling requests. The app retries with a pause.',
    'zh-CN': '点播接口请求过于频繁，已被限流，稍后将自动重试。',
  },
  NonceReused: {
    en: 'The VOD API refused a request as a replay (SignatureNonceUsed): the same signed request reached it twice, usually because a proxy or another network device sent it again. It was sent anew with a fresh signature and refused each time; if this persists, check for a proxy that repeats requests. Nothing is lost: the job and its downloaded bytes are kept and it is retried by itself.',
    'zh-CN':
      '点播接口将请求视为重放而拒绝（SignatureNonceUsed）：同一个已签名的请求被发送了两次，通常是代理或其他网络设备重发了请求。已使用新的签名重新发送，但每次都被拒绝；如果持续出现，请检查是否有会重复发送请求的代理。任务及已下载的数据均已保留，稍后会自动重试。',
  },
  NotFound: { en: 'The media or file does not exist.', 'zh-CN': '媒体或文件不存在。' },
  IllegalStatus: {
    en: 'The video is not in the Normal state (still uploading, transcoding, under review or blocked), so this part cannot be downloaded yet.',
    'zh-CN': '视频状态不是“正常”（仍在上传、转码、审核中或已屏蔽），暂时无法下载这一部分。',
  },
  NoStream: {
    en: 'No stream matches the chosen definition or format. Pick another quality.',
    'zh-CN': '没有符合所选清晰度或格式的流，请选择其他清晰度。',
  },
  ProprietaryEncryption: {
    en: 'This stream uses Alibaba Cloud proprietary encryption and plays only in the Aliyun player; a downloaded copy would stay encrypted.',
    'zh-CN':
      '该流使用阿里云视频加密（私有加密），只能在阿里云播放器中播放，下载后的文件仍是加密的。',
  },
  DashUnsupported: {
    en: 'This rendition is DASH (mpd). VOD Downloader does not download DASH streams, so it creates no job for one; pick the mp4 or m3u8 rendition of the same definition, or the source file.',
    'zh-CN':
      '该清晰度为 DASH（mpd）格式。VOD Downloader 不下载 DASH 流，因此不会为其创建任务；请选择同一清晰度的 mp4 或 m3u8 流，或下载源文件。',
  },
  SearchWindowFull: {
    en: 'More than 5,000 media items were created within the same second, so the search cannot page past them: SearchMedia reaches 5,000 results per query, and image searches have no ScrollToken. Narrow the search with a filter (title, category, status) and run it again.',
    'zh-CN':
      '同一秒内创建的媒体超过 5,000 个，搜索无法越过它们继续翻页：SearchMedia 每次查询最多返回 5,000 条结果，图片搜索也不支持 ScrollToken。请用筛选条件（标题、分类、状态）缩小范围后重新搜索。',
  },
  MalformedResponse: {
    en: 'The server answered with data in an unexpected shape.',
    'zh-CN': '服务器返回的数据格式不符合预期。',
  },
  NetworkError: {
    en: 'The network connection failed. The download resumes when the connection is back.',
    'zh-CN': '网络连接失败，网络恢复后将继续下载。',
  },
  Timeout: {
    en: 'The server stopped sending data (stalled connection).',
    'zh-CN': '服务器停止发送数据（连接卡住）。',
  },
  ServerError: { en: 'The server reported an internal error.', 'zh-CN': '服务器内部错误。' },
  HttpError: { en: 'The server refused the request.', 'zh-CN': '服务器拒绝了请求。' },
  UrlExpired: {
    en: 'The download address has expired and could not be renewed. Downloaded bytes are kept; renew the address and resume.',
    'zh-CN': '下载地址已过期且无法自动续期。已下载的数据已保留，请更新地址后继续。',
  },
  RangeNotSupported: {
    en: 'The server does not support resuming (HTTP Range), so the file restarts from the beginning on one connection.',
    'zh-CN': '服务器不支持断点续传（HTTP Range），将使用单连接从头下载。',
  },
  ContentChanged: {
    en: 'The file on the server changed since the download started; the partial file was discarded and the download restarts.',
    'zh-CN': '服务器上的文件在下载过程中发生了变化，已丢弃未完成的部分并重新下载。',
  },
  ErrorPage: {
    en: 'The server sent an error page instead of the file. Nothing was written; the address may need renewing.',
    'zh-CN': '服务器返回的是错误页面而不是文件，未写入任何数据；下载地址可能需要更新。',
  },
  SizeMismatch: {
    en: 'The downloaded size does not match the expected size.',
    'zh-CN': '下载的文件大小与预期不符。',
  },
  ChecksumMismatch: {
    en: 'The file checksum does not match the server checksum; the file is corrupt and will be downloaded again.',
    'zh-CN': '文件校验值与服务器不一致，文件已损坏，将重新下载。',
  },
  DiskFull: {
    en: 'The disk is full. The download is paused and its bytes are kept; free some space and resume.',
    'zh-CN': '磁盘空间不足。下载已暂停并保留已下载的数据，请释放空间后继续。',
  },
  FilePermission: {
    en: 'The download folder cannot be written. Choose another folder or fix its permissions.',
    'zh-CN': '无法写入下载文件夹，请选择其他文件夹或修改权限。',
  },
  FolderNotAllowed: {
    en: 'VOD Downloader writes only into folders you chose for it: the download folder saved in Settings (in the desktop app, picked with Choose… or dropped on the window) and its subfolders. Choose this folder there first. On Windows, network paths such as \\\\server\\share are refused; map the share to a drive letter instead.',
    'zh-CN':
      'VOD Downloader 只写入您为它选择的文件夹：“设置”中保存的下载文件夹（桌面版通过“选择…”按钮或拖放到窗口选择）及其子文件夹。请先在那里选择此文件夹。在 Windows 上不接受 \\\\server\\share 这样的网络路径，请先将共享映射为驱动器号。',
  },
  FileMissing: {
    en: 'The downloaded file is no longer on disk.',
    'zh-CN': '已下载的文件已不在磁盘上。',
  },
  Archived: {
    en: 'The source is in archive storage (Archive or Cold Archive) and cannot be downloaded until it is restored. Use "Restore and download" (vod-dl: --restore); a restore is billed as data retrieval and takes about a minute for Archive, one to twelve hours for Cold Archive.',
    'zh-CN':
      '源文件位于归档存储（归档或冷归档），解冻后才能下载。请使用“解冻并下载”（vod-dl：--restore）；解冻按数据取回计费，归档约需 1 分钟，冷归档需 1 至 12 小时。',
  },
  RestorePending: {
    en: 'The source is being restored from archive storage. The download starts by itself when the restore completes, also after a restart.',
    'zh-CN': '源文件正在从归档存储解冻，解冻完成后将自动开始下载（重启后也会继续）。',
  },
  RestoreFailed: {
    en: 'Restoring the source from archive storage failed, so it cannot be downloaded. Retry to ask for a new restore, or check the media in the VOD console.',
    'zh-CN':
      '源文件从归档存储解冻失败，无法下载。可重试以重新发起解冻，或在点播控制台中检查该媒资。',
  },
  Busy: {
    en: 'Another VOD Downloader process is running this job.',
    'zh-CN': '另一个 VOD Downloader 进程正在运行此任务。',
  },
  DatabaseBusy: {
    en: 'The job database stayed locked by another VOD Downloader process (the app or a vod-dl command). Nothing was lost; try again when that process has finished its write, or close it.',
    'zh-CN':
      '任务数据库一直被另一个 VOD Downloader 进程（应用或 vod-dl 命令）锁定。没有丢失任何数据；请等该进程写完后重试，或先关闭它。',
  },
  BodyTooLarge: {
    en: 'The server kept sending past the size limit for a download whose size it never stated, so it was stopped (the bytes so far are kept). If the file really is that large, raise the limit (vod-dl --max-unknown-size) and retry.',
    'zh-CN':
      '服务器未声明文件大小，且发送的数据已超过大小上限，下载已停止（已下载的数据会保留）。如果文件确实这么大，请提高上限（vod-dl --max-unknown-size）后重试。',
  },
  Canceled: { en: 'The download was canceled.', 'zh-CN': '下载已取消。' },
  Unsupported: { en: 'This is not supported.', 'zh-CN': '不支持此操作。' },
  KeyUnavailable: {
    en: 'The decryption key for this HLS stream could not be fetched. Check the MtsHlsUriToken setting.',
    'zh-CN': '无法获取该 HLS 流的解密密钥，请检查 MtsHlsUriToken 设置。',
  },
  InsecureKey: {
    en: 'The HLS playlist came over https://, but its decryption key is served over plain http://, where anyone on the network could read or replace it. The download stopped; the job and its downloaded bytes are kept.',
    'zh-CN':
      'HLS 播放列表通过 https:// 获取，但其解密密钥通过明文 http:// 提供，网络中的任何人都可能读取或替换该密钥。下载已停止，任务及已下载的数据均已保留。',
  },
  SegmentRefused: {
    en: "The server refused an HLS segment both at the address the playlist lists and with the playlist's own parameters added, so the stream cannot be downloaded from this address as it is. Usual causes: a private OSS bucket whose playlist does not sign its segments (use the CDN address instead of the OSS origin), a CDN that expects signatures the playlist does not show, or a Referer or IP rule. The job and its downloaded bytes are kept; resume it once the address works.",
    'zh-CN':
      '服务器拒绝了 HLS 分片：按播放列表所列地址请求被拒绝，附加播放列表自身的参数后请求也被拒绝，因此无法按当前地址下载此流。常见原因：私有 OSS 存储空间的播放列表未对分片签名（请改用 CDN 地址，而不是 OSS 源站地址）、CDN 要求播放列表中未给出的签名，或 Referer、IP 访问规则。任务及已下载的数据均已保留；地址可用后可继续下载。',
  },
  ToolMissing: {
    en: 'A required tool is not installed.',
    'zh-CN': '缺少所需的工具。',
  },
  ProxyAuthFailed: {
    en: 'The proxy server refused the user name or password. Check the proxy settings (Settings → Network, the user name and password in --proxy, or HTTPS_PROXY / HTTP_PROXY). A system proxy that asks for a password needs it entered in Settings as a manual proxy.',
    'zh-CN':
      '代理服务器拒绝了用户名或密码。请检查代理设置（“设置 → 网络”、--proxy 中的用户名和密码，或 HTTPS_PROXY / HTTP_PROXY）。需要密码的系统代理，请在“设置”中将其填写为手动代理并输入密码。',
  },
  ProxyRefused: {
    en: 'The proxy server refused to connect to this address (a proxy rule, or a proxy that tunnels only to port 443). Check the proxy settings, or add the host to "No proxy for".',
    'zh-CN':
      '代理服务器拒绝连接该地址（代理规则限制，或代理只允许连接 443 端口）。请检查代理设置，或将该主机加入“不使用代理的地址”。',
  },
  Internal: { en: 'An unexpected error happened.', 'zh-CN': '发生了意外错误。' },
}

/**
 * Codes whose cause is usually temporary: the engine retries them with backoff. An expired STS
 * session is one: a credential chain renews it, and a job whose static token expired is held
 * (paused with this code) until new credentials are saved, instead of failing.
 */
export const transientErrorCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'NetworkError',
  'Timeout',
  'ServerError',
  'Throttled',
  'NonceReused',
  'SecurityTokenExpired',
  // A source being restored from archive storage: the job waits and asks again (see
  // `SourceNotReady` in the engine), without spending an attempt.
  'RestorePending',
])

export interface ErrorData {
  code: ErrorCode
  /** English message (with detail), for logs and the CLI. */
  message: string
  /** Simplified Chinese message (with detail). */
  messageZh: string
  detail?: string
}

/** An error with a code from the closed set; thrown inside main, carried as data elsewhere. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly detail: string | undefined

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(formatErrorMessage(code, detail, 'en'), options)
    this.name = 'AppError'
    this.code = code
    this.detail = detail
  }

  toData(): ErrorData {
    return toErrorData(this.code, this.detail)
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value)
}

export function formatErrorMessage(
  code: ErrorCode,
  detail: string | undefined,
  language: Language,
): string {
  const base = messages[code][language]
  return detail ? `${base} (${detail})` : base
}

export function toErrorData(code: ErrorCode, detail?: string): ErrorData {
  const data: ErrorData = {
    code,
    message: formatErrorMessage(code, detail, 'en'),
    messageZh: formatErrorMessage(code, detail, 'zh-CN'),
  }
  if (detail !== undefined) data.detail = detail
  return data
}

/** Turns anything thrown into an AppError, keeping codes that are already ours. */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new AppError('Internal', message, { cause: error })
}

/** The help text; kept next to the commands it describes. */
export const usage = `vod-dl — resumable downloads of Alibaba Cloud VOD media and plain URLs

Usage:
  vod-dl get <url>... [options]        download URLs as persisted jobs, in the foreground
  vod-dl jobs [--json]                 list jobs (id, state, bytes, file, last error)
  vod-dl resume [--all | JOB...]       continue persisted jobs in the foreground
  vod-dl vod search [--type video|audio|image] [--match EXPR] [--category ID] [--limit N] [--json]
  vod-dl vod files <mediaId> [--json] [--urls]
                                       every downloadable file of a media item; --urls adds
                                       each file's signed address and its expiry
  vod-dl vod categories [--json]       the category tree (ids for --category)
  vod-dl vod get <mediaId>... [options]
                                       download VOD files; their addresses are renewed
                                       through the VOD API whenever they expire
  vod-dl vod export [selection] [options] (--csv FILE | --json FILE | both)
                                       download addresses of a selection or of a whole
                                       filter (no 200/100 cap), with each URL's expiry
  vod-dl vod sync -o DIR [options]     keep a folder in sync with the library, a category
                                       or a search: incremental, verifiable, resumable
  vod-dl import FILE [options]         download every media id or URL of a list (CSV or
                                       one per line) as one batch
  vod-dl diagnostics -o FILE           a zip for a bug report: the diagnostic log, versions,
                                       settings without secrets and the jobs' states
  vod-dl --help                        this text

Options for get:
  -o, --output DIR          download folder (default: the current folder)
  -n, --name NAME           file name (one URL only; default: from the server or the URL)
  -c, --connections N       connections per file, 1–32 (default 8; small files use one)
  -j, --jobs N              files downloaded at once (default 3)
  -i, --input FILE          read URLs from FILE, one per line (# starts a comment)
  -H, --header "Name: v"    extra request header (repeatable)
      --referer URL         send this Referer (CDN Referer allow-lists)
      --limit RATE          overall speed limit, e.g. 800K, 8M (default: unlimited)
      --max-unknown-size N  stop a download whose server states no size past N bytes,
                            e.g. 500G (default 256G): an endless stream never fills the disk

Options for vod get:
      --file KIND           source | rendition | cover | snapshots | sprites | image | all
                            (default: source, or image for image ids)
      --definition D        rendition definition: FD LD SD HD OD 2K 4K SQ HQ
      --format F            rendition format: mp4 m3u8 mp3 flv (DASH mpd is not downloaded)
      --play-domain D       one of the account's CDN domains for stream addresses, e.g.
                            media.example.com (also for vod files and vod export)
      --output-type T       cdn (default) or oss: the OSS origin bypasses CDN Referer/IP
                            rules and URL signing, and is billed as OSS egress
      --auth-timeout S      requested address lifetime in seconds (default 3600; large
                            sources get the longest lifetime the API allows)
      --hls-output O        m3u8 renditions: mp4 (remuxed with ffmpeg, the default when
                            ffmpeg is installed) or folder (segments + a local index.m3u8)
      --hls-token TOKEN     MtsHlsUriToken for HLS standard encryption keys (or set
                            VOD_DL_HLS_TOKEN, which keeps it out of the process list)
      --restore             sources in Archive / Cold Archive storage: restore them first
                            (RestoreMedia, billed as data retrieval), then download; without
                            it they are skipped with the reason. The command waits for the
                            restore; after Ctrl-C, vod-dl resume --all waits on
      --restore-tier T      Cold Archive priority: Expedited (within 1 h), Standard (2-5 h,
                            the default) or Bulk (5-12 h)
      --restore-days N      days the restored copy stays readable (default 1; at most 7 for
                            Archive, 365 for Cold Archive)
  -o, -c, -j, --limit, --referer   as for get

Options for vod export (the URLs are signed: anyone holding the file can download
until they expire):
      --type T              video (default), audio or image
      --match EXPR          SearchMedia filter, e.g. "Title = 'launch'" (default: everything)
      --category ID         only this category and the ones below it (vod search too)
      --ids ID,ID…          these media ids instead of a filter (repeatable; any type)
      --ids-file FILE       media ids from a list file (as for import)
      --file KIND           as for vod get, or one kind (snapshot, sprite, image-original, …)
      --definition D, --format F, --output-type T, --auth-timeout S   as for vod get
      --csv FILE            CSV for spreadsheets (UTF-8 with BOM, RFC 4180 quoting)
      --json FILE           JSON: the settings, the rows and their counts

Options for vod sync -o DIR (the folder keeps its manifest in DIR/.vod-backup):
      --type T              video, audio, image, or several comma-separated (default: all)
      --match EXPR | --category ID | --all
                            which items: a SearchMedia filter, one category, or everything
                            (the default)
      --since DATE          only items created on or after DATE (older ones are left alone)
      --file KINDS          comma-separated, as for vod get (default: source,image)
      --definition D, --format F   which renditions, as for vod get
      --template T          layout (default {category}/{title} [{mediaId}]/{kind}.{ext});
                            also {type} {date} {definition} {format}; needs {mediaId}, {kind}
      --dry-run             print the plan (counts and sizes per kind, new / changed /
                            unchanged / deleted / needs restore, OSS vs CDN bytes), change nothing
      --json                the plan or the outcome as JSON on stdout
      --verify              read every local file again (size and checksum); download again
                            what is wrong
      --delete              move files of items deleted in VOD into .vod-backup/trash/
                            (without it they are reported and kept)
      --output-type T, --referer, --auth-timeout S, --hls-output O, --hls-token TOKEN
                            as for vod get
  -c, -j, --limit           as for get
  A killed sync continues where it stopped when the same command is run again.

Options for import FILE (a .csv file or one with a header row naming mediaId/url
columns, else one media id or URL per line, optionally followed by a file name):
      --file KIND           for lines without a kind column (default: source, or image)
      --definition D, --format F, --output-type T, --auth-timeout S   as for vod get
  -o, -c, -j, -H, --limit, --referer   as for get
  Bad lines are reported by line number and skipped; the exit status is 1 if any.

VOD connection (vod commands, import, resume): credentials come from
ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and, for STS,
ALIBABA_CLOUD_SECURITY_TOKEN; without them from the official credential chain
(ALIBABA_CLOUD_CREDENTIALS_URI, OIDC, ~/.aliyun/config.json, ~/.alibabacloud/credentials with
ALIBABA_CLOUD_PROFILE, ECS RAM role), whose sessions are renewed as they expire.
      --profile NAME        this profile of ~/.aliyun/config.json or ~/.alibabacloud/credentials
      --region ID           e.g. cn-shanghai (default; env ALIBABA_CLOUD_REGION_ID)
      --endpoint URL        API endpoint override, e.g. http://127.0.0.1:8790 (env VOD_ENDPOINT)

Common options:
      --home DIR            data folder holding the job database (env VOD_DL_HOME;
                            default: the desktop app's data folder)
  -v, --verbose             log every connection event to stderr
      --proxy URL           http://, https:// or socks5:// proxy (user:password@ allowed)
                            for downloads and API calls; "direct" for none (default: the
                            HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment variables)

The diagnostic log is <data folder>/logs/vod-downloader.N.log (5 MiB a file, 4 more kept),
at the level of VOD_DL_LOG_LEVEL (debug, info, warn, error; default info, debug with
--verbose). Signed addresses, keys and tokens never reach it.

Exit status: 0 when every file is complete and verified, 1 when a job failed or stopped
(the message says why; the bytes are kept), 2 for a usage error.
`

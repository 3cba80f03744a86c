/** The help text; kept next to the commands it describes. */
export const usage = `vod-dl — resumable downloads of Alibaba Cloud VOD media and plain URLs

Usage:
  vod-dl get <url>... [options]        download URLs as persisted jobs, in the foreground
  vod-dl jobs [--json]                 list jobs (id, state, bytes, file, last error)
  vod-dl resume [--all | JOB...]       continue persisted jobs in the foreground
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

Common options:
      --home DIR            data folder holding the job database (env VOD_DL_HOME;
                            default: the desktop app's data folder)
  -v, --verbose             log every connection event to stderr

Exit status: 0 when every file is complete and verified, 1 when a job failed or stopped
(the message says why; the bytes are kept), 2 for a usage error.
`

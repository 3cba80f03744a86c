#!/usr/bin/env bash
# Generates the small, real media files the VOD emulator serves (resources/emulator/).
#
# Run once by hand when the set of clips changes; the output is committed so that tests and the
# demo mode never need ffmpeg at run time. Every rendition, cover, snapshot and image in the demo
# library maps to one of these files, so a download from the emulator is a playable file that
# ffprobe accepts. Large source masters are not here: the emulator synthesises them on the fly.
#
# Usage: scripts/make-emulator-media.sh [output-directory]
set -euo pipefail

output="${1:-$(cd "$(dirname "$0")/.." && pwd)/resources/emulator}"
mkdir -p "$output"
cd "$output"
rm -rf ./*

# Deterministic as far as ffmpeg allows: no encoder or creation-time metadata in the files.
common=(-hide_banner -loglevel error -y)
bare=(-map_metadata -1 -fflags +bitexact)
video_codec=(-c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -threads 1 -flags +bitexact)
# One keyframe per second so that 1 s HLS segments cut cleanly.
keyframes=(-r 25 -g 25 -keyint_min 25 -sc_threshold 0)
audio_codec=(-c:a aac -b:a 48k -ac 2 -ar 44100 -flags +bitexact)
duration=4

# $1 name, $2 WxH, $3 video bitrate, $4 test pattern frequency (so each definition sounds distinct)
make_clip() {
  ffmpeg "${common[@]}" \
    -f lavfi -i "testsrc2=size=$2:rate=25:duration=$duration" \
    -f lavfi -i "sine=frequency=$4:sample_rate=44100:duration=$duration" \
    "${video_codec[@]}" "${keyframes[@]}" -b:v "$3" -maxrate "$3" -bufsize "$3" \
    "${audio_codec[@]}" -shortest -movflags +faststart "${bare[@]}" "$1"
}

make_clip video-fd.mp4 256x144 60k 330
make_clip video-ld.mp4 426x240 110k 440
make_clip video-sd.mp4 640x360 200k 550
make_clip video-hd.mp4 1280x720 380k 660
make_clip video-2k.mp4 1920x1080 600k 770

# Audio-only renditions (SQ / HQ) and the audio library's source.
ffmpeg "${common[@]}" -f lavfi -i "sine=frequency=523:sample_rate=44100:duration=6" \
  -c:a libmp3lame -b:a 64k -ac 2 "${bare[@]}" audio-sq.mp3
ffmpeg "${common[@]}" -f lavfi -i "sine=frequency=659:sample_rate=44100:duration=6" \
  -c:a libmp3lame -b:a 128k -ac 2 "${bare[@]}" audio-hq.mp3

# Plain HLS, 1 s segments.
mkdir -p hls-plain
ffmpeg "${common[@]}" \
  -f lavfi -i "testsrc2=size=640x360:rate=25:duration=$duration" \
  -f lavfi -i "sine=frequency=550:sample_rate=44100:duration=$duration" \
  "${video_codec[@]}" "${keyframes[@]}" -b:v 200k -maxrate 200k -bufsize 200k \
  "${audio_codec[@]}" -shortest "${bare[@]}" \
  -f hls -hls_time 1 -hls_playlist_type vod -hls_flags independent_segments \
  -hls_segment_filename 'hls-plain/segment-%05d.ts' hls-plain/playlist.m3u8

# HLS standard encryption (AES-128). The key URI written here is a placeholder: the emulator
# rewrites it to its own key service when it serves the playlist, as VOD's CDN does.
mkdir -p hls-aes
printf '\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f' >hls-aes/key.bin
printf '%s\n%s\n%s\n' 'key-uri-placeholder' 'hls-aes/key.bin' '0f0e0d0c0b0a09080706050403020100' \
  >hls-aes/keyinfo.txt
ffmpeg "${common[@]}" \
  -f lavfi -i "testsrc2=size=426x240:rate=25:duration=$duration" \
  -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=$duration" \
  "${video_codec[@]}" "${keyframes[@]}" -b:v 110k -maxrate 110k -bufsize 110k \
  "${audio_codec[@]}" -shortest "${bare[@]}" \
  -f hls -hls_time 1 -hls_playlist_type vod -hls_flags independent_segments \
  -hls_key_info_file hls-aes/keyinfo.txt \
  -hls_segment_filename 'hls-aes/segment-%05d.ts' hls-aes/playlist.m3u8
rm hls-aes/keyinfo.txt

# Covers (640x360) and snapshots (320x180) from different moments of the pattern.
for index in 1 2 3; do
  ffmpeg "${common[@]}" -f lavfi -i "testsrc2=size=640x360:rate=25:duration=4" \
    -vf "select=eq(n\,$((index * 25 - 10)))" -frames:v 1 -q:v 6 "${bare[@]}" "cover-$index.jpg"
done
for index in 1 2 3 4; do
  ffmpeg "${common[@]}" -f lavfi -i "testsrc2=size=320x180:rate=25:duration=4" \
    -vf "select=eq(n\,$((index * 20)))" -frames:v 1 -q:v 8 "${bare[@]}" "snapshot-$index.jpg"
done

# Sprite: a 5x2 grid of 128x72 frames, one per 0.4 s, plus the original frames it is made of.
ffmpeg "${common[@]}" -f lavfi -i "testsrc2=size=128x72:rate=25:duration=4" \
  -vf "select=not(mod(n\,10)),tile=5x2" -frames:v 1 -q:v 6 "${bare[@]}" sprite.jpg
for index in 1 2 3 4 5 6 7 8 9 10; do
  ffmpeg "${common[@]}" -f lavfi -i "testsrc2=size=128x72:rate=25:duration=4" \
    -vf "select=eq(n\,$(((index - 1) * 10)))" -frames:v 1 -q:v 8 "${bare[@]}" \
    "$(printf 'sprite-origin-%02d.jpg' "$index")"
done

# Uploaded images of a few shapes and formats.
ffmpeg "${common[@]}" -f lavfi -i "smptehdbars=size=1280x720" -frames:v 1 -q:v 5 "${bare[@]}" image-landscape.jpg
ffmpeg "${common[@]}" -f lavfi -i "mandelbrot=size=720x960" -frames:v 1 -q:v 6 "${bare[@]}" image-portrait.jpg
ffmpeg "${common[@]}" -f lavfi -i "rgbtestsrc=size=512x512" -frames:v 1 "${bare[@]}" image-square.png
ffmpeg "${common[@]}" -f lavfi -i "testsrc=size=800x450" -frames:v 1 -q:v 5 "${bare[@]}" image-banner.jpg

# What the emulator needs to describe each file: dimensions, and for timed media duration and
# frame rate. Sizes and bit rates are not recorded: the emulator derives them from the files on
# disk so they always match the bytes it serves.
probe() {
  ffprobe -v error -allowed_extensions ALL \
    -show_entries format=duration:stream=codec_type,width,height,avg_frame_rate -of json "$2" |
    node -e '
      const probe = JSON.parse(require("fs").readFileSync(0, "utf8"))
      const video = probe.streams.find((s) => s.codec_type === "video")
      const [numerator, denominator] = (video?.avg_frame_rate ?? "0/1").split("/").map(Number)
      const timed = process.argv[2] === "timed"
      const entry = { width: video?.width ?? 0, height: video?.height ?? 0 }
      if (timed) {
        entry.durationSeconds = Number(probe.format.duration ?? 0)
        entry.fps = video && denominator ? Math.round((numerator / denominator) * 1000) / 1000 : 0
      }
      process.stdout.write(JSON.stringify([process.argv[1], entry]) + "\n")
    ' "$1" "$3"
}

# ffprobe cannot fetch the placeholder key, so it probes a copy that points at the key file.
sed 's/key-uri-placeholder/key.bin/' hls-aes/playlist.m3u8 >hls-aes/probe.m3u8
{
  for file in *.mp4 *.mp3; do probe "$file" "$file" timed; done
  probe hls-plain/playlist.m3u8 hls-plain/playlist.m3u8 timed
  probe hls-aes/playlist.m3u8 hls-aes/probe.m3u8 timed
  for file in *.jpg *.png; do probe "$file" "$file" still; done
} | node -e '
  const lines = require("fs").readFileSync(0, "utf8").trim().split("\n")
  const manifest = Object.fromEntries(lines.map((line) => JSON.parse(line)))
  process.stdout.write(JSON.stringify(manifest, null, 2) + "\n")
' >manifest.json
rm hls-aes/probe.m3u8

du -sh "$output"

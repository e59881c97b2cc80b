#!/bin/sh
# Makes the fake's real media once, with Debian's ffmpeg (5.1); the outputs are committed beside this script.
# demo.mp4: 4 s of H.264 (a moving test pattern with a clock), 640x360 at 24 fps, no audio, fast start;
# thumbnail.webp: its first frame; spritesheet.jpg: a 4x2 grid of one frame every half second.
set -eu
cd "$(dirname "$0")"
ffmpeg -y -loglevel error -f lavfi -i "testsrc2=size=640x360:rate=24:duration=4" \
  -vf "drawtext=text='sora-status demo %{pts\:hms}':x=20:y=20:fontsize=28:fontcolor=white:box=1:boxcolor=black@0.6" \
  -c:v libx264 -profile:v main -preset veryslow -crf 32 -pix_fmt yuv420p -movflags +faststart \
  -metadata title="sora-status demo" -bitexact demo.mp4
ffmpeg -y -loglevel error -i demo.mp4 -frames:v 1 -vf scale=320:-2 -c:v libwebp -quality 70 -bitexact thumbnail.webp
ffmpeg -y -loglevel error -i demo.mp4 -vf "fps=2,scale=160:-2,tile=4x2" -frames:v 1 -q:v 5 -bitexact spritesheet.jpg
ls -l demo.mp4 thumbnail.webp spritesheet.jpg

#!/bin/sh
# Double-click to start goldenthread; close this window to stop it.
cd "$(dirname "$0")" || exit 1
echo "Starting goldenthread. Keep this window open while you use it;"
echo "press Control+C or close it to stop goldenthread."
echo "Your profiles are kept in $HOME/Documents/goldenthread"
echo
exec ./goldenthread serve --open --workspace "$HOME/Documents/goldenthread"

#!/usr/bin/env bash
# Refreshes the front-end libraries vendored under static/vendor/ from the npm registry
# (never a CDN at run time), with their licences, and rebuilds the icon sprite.
# Usage: scripts/vendor-static.sh   (needs npm; the results are committed)
set -euo pipefail
cd "$(dirname "$0")/.."
SUPERCLUSTER=9.1.0
LUCIDE=1.62.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "supercluster@$SUPERCLUSTER" "lucide-static@$LUCIDE" >/dev/null)
for tgz in "$work"/*.tgz; do mkdir -p "${tgz%.tgz}" && tar xzf "$tgz" -C "${tgz%.tgz}"; done

mkdir -p static/vendor/supercluster static/vendor/lucide
cp "$work/supercluster-$SUPERCLUSTER/package/dist/supercluster.min.js" static/vendor/supercluster/
cp "$work/supercluster-$SUPERCLUSTER/package/LICENSE" static/vendor/supercluster/LICENSE
cp "$work/lucide-static-$LUCIDE/package/LICENSE" static/vendor/lucide/LICENSE
python3 scripts/build_icon_sprite.py "$work/lucide-static-$LUCIDE/package/icons" static/img/icons.svg
echo "supercluster $SUPERCLUSTER, lucide-static $LUCIDE vendored"

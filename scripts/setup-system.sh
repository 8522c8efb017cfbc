#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the site and its tests need, when they are missing:
# PostgreSQL with PostGIS, GDAL, Python's venv, gettext (translations), Debian's Chromium
# (browser tests), Pango and HarfBuzz with a font (WeasyPrint: the printable agenda's PDF).
# Idempotent: installs nothing when everything is there.
set -euo pipefail

sudo_cmd() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
pg_major() { ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1; }

apt_install() {
  [ $# -eq 0 ] && return 0
  echo "==> installing Debian packages: $*"
  if [ -z "${_apt_updated:-}" ]; then sudo_cmd apt-get update -qq; _apt_updated=1; fi
  sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

if ! command -v dpkg-query >/dev/null; then
  echo "This set-up expects Debian or Ubuntu (apt). Install PostgreSQL + PostGIS, GDAL and" \
       "Chromium yourself, or set DATABASE_URL to a PostGIS database." >&2
  exit 1
fi

need=()
[ -n "$(pg_major)" ] || need+=(postgresql postgresql-contrib)
installed gdal-bin || need+=(gdal-bin)
installed chromium || need+=(chromium)
installed gettext || need+=(gettext)
for lib in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
  installed "$lib" || need+=("$lib")
done
python3 -c "import ensurepip, venv" 2>/dev/null || need+=(python3-venv)
apt_install "${need[@]}"

postgis="postgresql-$(pg_major)-postgis-3"
installed "$postgis" || apt_install "$postgis"
echo "==> system packages: PostgreSQL $(pg_major) with PostGIS, GDAL, Chromium are present"

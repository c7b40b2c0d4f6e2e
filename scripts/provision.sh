#!/usr/bin/env bash
# Provisions what the tests need, idempotently and quickly when everything is already there:
# PostGIS (Debian's postgresql-15-postgis-3), the local cluster running, the shikong role and database,
# the client tools used by end-to-end tests (gdal-bin, python3-owslib, QGIS's Python bindings for the OGC API
# Features provider, Debian's Chromium for the web page's browser tests) and a CJK font (fonts-wqy-zenhei).
set -euo pipefail

PG_DB=${SHIKONG_PG_DB:-shikong}
PG_USER=${SHIKONG_PG_USER:-shikong}
PG_PASSWORD=${SHIKONG_PG_PASSWORD:-shikong}

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

missing=()
dpkg -s postgresql-15-postgis-3 >/dev/null 2>&1 || missing+=(postgresql-15-postgis-3)
command -v ogrinfo >/dev/null 2>&1 || missing+=(gdal-bin)
/usr/bin/python3 -c 'import owslib' >/dev/null 2>&1 || missing+=(python3-owslib)
# QGIS 3.22's providers (OAPIF, WFS) driven headless from Python
/usr/bin/python3 -c 'import qgis.core' >/dev/null 2>&1 || missing+=(python3-qgis)
# the web page's end-to-end tests: headless Chromium (driven by playwright-core from npm)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# a CJK TrueType font for Chinese text in rendered maps and PDF reports
[[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]] || missing+=(fonts-wqy-zenhei)
if ((${#missing[@]})); then
  echo "provision: installing ${missing[*]}"
  # Never name postgresql-15 itself: upgrading it under a running cluster breaks new connections.
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

as_pg() { if [[ $(id -u) -eq 0 ]]; then su postgres -c "$1"; else sudo -u postgres bash -c "$1"; fi; }
version=$(ls /etc/postgresql | sort -n | tail -n 1)
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  echo "provision: starting PostgreSQL $version"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
for _ in $(seq 1 30); do
  as_pg "psql -qtAc 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 1
done

if [[ -z $(as_pg "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'\"") ]]; then
  as_pg "psql -qc \"CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD'\""
fi
if [[ -z $(as_pg "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='$PG_DB'\"") ]]; then
  as_pg "psql -qc 'CREATE DATABASE $PG_DB OWNER $PG_USER'"
fi
as_pg "psql -q -d $PG_DB -c 'CREATE EXTENSION IF NOT EXISTS postgis'"
echo "provision: PostGIS $(as_pg "psql -qtAc 'SELECT postgis_lib_version()' -d $PG_DB") ready in database $PG_DB"

# the web page's browser tests: playwright-core from the npm registry (no browser download; it drives Debian's
# /usr/bin/chromium), at the version package-lock.json pins
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ ! -d $root/web-tests/node_modules/playwright-core ]]; then
  echo "provision: npm ci in web-tests"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$root/web-tests" --no-audit --no-fund --loglevel=error
fi

#!/usr/bin/env bash
# Refreshes the vendored front-end files from the npm registry (run by hand when upgrading; the results
# are committed, so `make run` never needs Node or the network).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
HTMX_VERSION=2.0.11
(cd "$tmp" && npm pack --silent "htmx.org@$HTMX_VERSION" >/dev/null && tar xzf "htmx.org-$HTMX_VERSION.tgz")
cp "$tmp/package/dist/htmx.min.js" "zhengwu/workbench/static/vendor/htmx-$HTMX_VERSION.min.js"
echo "vendored htmx $HTMX_VERSION"
# Apache ECharts for the indicator charts (zhengwu/indicators/static/indicators/charts.js draws them).
ECHARTS_VERSION=5.6.0
rm -rf "$tmp/package"
(cd "$tmp" && npm pack --silent "echarts@$ECHARTS_VERSION" >/dev/null && tar xzf "echarts-$ECHARTS_VERSION.tgz")
cp "$tmp/package/dist/echarts.min.js" "zhengwu/indicators/static/vendor/echarts-$ECHARTS_VERSION.min.js"
echo "vendored echarts $ECHARTS_VERSION"

#!/usr/bin/env bash
# Refresh the vendored front-end files under tashil/static/vendor/ from the npm registry.
# The machines that run Tashil are offline: these files are committed, and this script is only run by a
# maintainer who wants to change a version. Versions are pinned here.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=tashil/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent \
  bootstrap@5.3.9 bootstrap-icons@1.13.2 vazirmatn@33.0.3 htmx.org@2.0.11 chart.js@4.6.1 leaflet@1.9.4 \
  @majidh1/jalalidatepicker@0.9.12)
nm="$work/node_modules"
rm -rf "$dest" && mkdir -p "$dest"/{bootstrap,bootstrap-icons/fonts,vazirmatn/webfonts,vazirmatn/ttf,htmx,chartjs,leaflet,jalalidatepicker}
cp "$nm"/bootstrap/dist/css/bootstrap.rtl.min.css "$nm"/bootstrap/dist/css/bootstrap.min.css "$dest/bootstrap/"
cp "$nm"/bootstrap/dist/js/bootstrap.bundle.min.js "$dest/bootstrap/"
cp "$nm"/bootstrap/LICENSE "$dest/bootstrap/LICENSE"
cp "$nm"/bootstrap-icons/font/bootstrap-icons.min.css "$dest/bootstrap-icons/"
cp "$nm"/bootstrap-icons/font/fonts/bootstrap-icons.woff2 "$nm"/bootstrap-icons/font/fonts/bootstrap-icons.woff "$dest/bootstrap-icons/fonts/"
cp "$nm"/bootstrap-icons/LICENSE "$dest/bootstrap-icons/LICENSE"
cp "$nm"/vazirmatn/fonts/webfonts/Vazirmatn-{Light,Regular,Medium,SemiBold,Bold}.woff2 "$dest/vazirmatn/webfonts/"
cp "$nm"/vazirmatn/fonts/ttf/Vazirmatn-{Regular,Bold}.ttf "$dest/vazirmatn/ttf/"
cp "$nm"/vazirmatn/OFL.txt "$dest/vazirmatn/"
for weight in Light:300 Regular:400 Medium:500 SemiBold:600 Bold:700; do
  printf '@font-face {\n  font-family: Vazirmatn;\n  src: url("webfonts/Vazirmatn-%s.woff2") format("woff2");\n  font-weight: %s;\n  font-style: normal;\n  font-display: swap;\n}\n' "${weight%%:*}" "${weight##*:}"
done > "$dest/vazirmatn/vazirmatn.css"
cp "$nm"/htmx.org/dist/htmx.min.js "$dest/htmx/"
cp "$nm"/htmx.org/LICENSE "$dest/htmx/LICENSE"
cp "$nm"/chart.js/dist/chart.umd.min.js "$dest/chartjs/"
cp "$nm"/chart.js/LICENSE.md "$dest/chartjs/LICENSE.md"
cp -r "$nm"/leaflet/dist/leaflet.js "$nm"/leaflet/dist/leaflet.css "$nm"/leaflet/dist/images "$dest/leaflet/"
cp "$nm"/leaflet/LICENSE "$dest/leaflet/LICENSE"
cp "$nm"/@majidh1/jalalidatepicker/dist/jalalidatepicker.min.{js,css} "$dest/jalalidatepicker/"
cp "$nm"/@majidh1/jalalidatepicker/LICENSE "$dest/jalalidatepicker/LICENSE"
# Source maps are not shipped; drop the comments that point at them (collectstatic would look for them).
find "$dest" \( -name '*.js' -o -name '*.css' \) -exec sed -i -E '/sourceMappingURL=/d' {} +
(cd "$nm" && for p in bootstrap bootstrap-icons vazirmatn htmx.org chart.js leaflet @majidh1/jalalidatepicker; do
  printf '%s %s\n' "$p" "$(node -p "require('./$p/package.json').version")"; done) > "$dest/VERSIONS"
echo "vendored into $dest:"; cat "$dest/VERSIONS"

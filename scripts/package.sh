#!/usr/bin/env bash
# Linux packages of the console: a .deb (cargo-deb) and an .rpm
# (cargo-generate-rpm) with /usr/bin/orgdesk, the desktop entry, the hicolor
# icons and the AppStream metainfo, into $CARGO_TARGET_DIR/packages (target/packages).
#
#   scripts/package.sh                 # both, from a `--profile dist` build
#   scripts/package.sh deb             # only the .deb
#
# ORGDESK_PACKAGE_PROFILE=dev packages a debug build, stripped and compressed
# fast; with ORGDESK_PACKAGE_BUILD=0 too, the binary the tests already built
# (CI: no second build at all).
# The packaging tools come from crates.io (`cargo install`) when missing;
# dpkg-shlibdeps (Debian's dpkg-dev) works out the .deb's libc dependency.
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${ORGDESK_PACKAGE_PROFILE:-dist}"
formats=("$@")
[ ${#formats[@]} -gt 0 ] || formats=(deb rpm)
target_dir="${CARGO_TARGET_DIR:-target}"
out="$target_dir/packages"
# cargo-deb 3 and cargo-generate-rpm 0.21 read the metadata in Cargo.toml.
deb_version="3.8.0"
rpm_version="0.21.1"

need_tool() { # subcommand crate version
  if ! cargo "$1" --version >/dev/null 2>&1; then
    echo "== cargo install $2 $3"
    cargo install --locked --quiet "$2" --version "$3"
  fi
}

for format in "${formats[@]}"; do
  case "$format" in
    deb) need_tool deb cargo-deb "$deb_version" ;;
    rpm) need_tool generate-rpm cargo-generate-rpm "$rpm_version" ;;
    *) echo "unknown package format: $format (deb, rpm)" >&2; exit 2 ;;
  esac
done

# The desktop entry and metainfo must be valid before they ship.
packaging/linux/validate.sh

if [ "${ORGDESK_PACKAGE_BUILD:-1}" = 1 ]; then
  echo "== cargo build --profile $profile --bin orgdesk"
  cargo build --profile "$profile" --bin orgdesk
fi
case "$profile" in
  dev) bin_dir="$target_dir/debug" ;;
  *) bin_dir="$target_dir/$profile" ;;
esac
[ -x "$bin_dir/orgdesk" ] || { echo "no $bin_dir/orgdesk to package" >&2; exit 1; }
size=$(stat -c %s "$bin_dir/orgdesk")
echo "orgdesk ($profile): $((size / 1024 / 1024)) MiB"

rm -rf "$out"
mkdir -p "$out"
for format in "${formats[@]}"; do
  case "$format" in
    deb)
      deb_args=(--no-build --profile "$profile" --output "$out/")
      # A debug build is stripped and compressed fast: it is for CI, not for people.
      [ "$profile" = dev ] && deb_args+=(--strip --fast)
      command -v dpkg-shlibdeps >/dev/null || echo "warning: dpkg-shlibdeps missing (apt-get install dpkg-dev): no libc dependency" >&2
      cargo deb "${deb_args[@]}"
      ;;
    rpm)
      cargo generate-rpm --profile "$profile" --output "$out/"
      ;;
  esac
done
ls -l "$out"

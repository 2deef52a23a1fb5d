# SPDX-License-Identifier: GPL-2.0-or-later
# Shell helpers the test runners share (sourced, not run).

# first_diff LABEL EXPECTED ACTUAL: one-line descriptions of the first
# differing line, nothing when the files are equal
first_diff() {
    local label=$1 exp=$2 act=$3 n e a
    if cmp -s "$exp" "$act"; then
        return 0
    fi
    n=$(awk -v act="$act" '
        {
            if ((getline l < act) <= 0 || l != $0) {
                print NR
                found = 1
                exit
            }
        }
        END {
            if (!found) {
                more = getline l < act
                print (more > 0 ? NR + 1 : 0)
            }
        }' "$exp")
    if [ "$n" = 0 ]; then
        printf '%s: differs only in the final newline\n' "$label"
        return 0
    fi
    if [ "$(sed -n "${n}p" "$exp" | wc -c)" -eq 0 ]; then
        e="(end of file)"
    else
        e="'$(sed -n "${n}p" "$exp" | cut -c1-200 | cat -v)'"
    fi
    if [ "$(sed -n "${n}p" "$act" | wc -c)" -eq 0 ]; then
        a="(end of output)"
    else
        a="'$(sed -n "${n}p" "$act" | cut -c1-200 | cat -v)'"
    fi
    printf '%s line %s: expected %s\n' "$label" "$n" "$e"
    printf '%s line %s:      got %s\n' "$label" "$n" "$a"
}

# TAP results, numbered by the caller's `count` (set it to 0 first):
# ok NAME; not_ok NAME DIAG-LINE...; result NAME, which is ok if the
# caller's diags array is empty, else not ok with its lines.
ok() {
    count=$((count + 1))
    echo "ok $count - $1"
}
not_ok() {
    local name=$1 line
    shift
    count=$((count + 1))
    echo "not ok $count - $name"
    for line in "$@"; do
        echo "# $line"
    done
}
result() {
    if [ ${#diags[@]} -eq 0 ]; then
        ok "$1"
    else
        not_ok "$1" "${diags[@]}"
    fi
}

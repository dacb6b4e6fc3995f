# Debian's useradd, as far as the stand-ins' entrypoints use it, in busybox sh (sourced from
# /usr/local/lib/openhands-guide/useradd.sh). Harness code modelling shadow 4.13, the version
# Debian 12 ships (shadow-maint/shadow tag 4.13):
# - `useradd -u UID NAME` with USERGROUPS_ENAB (Debian's /etc/login.defs) also creates a group
#   NAME, whose gid find_new_gid picks with the uid as the preferred gid (src/useradd.c line 2657);
# - find_new_gid for a non-system group (libmisc/find_new_gid.c): the preferred gid when it lies
#   in [GID_MIN, GID_MAX] and no group has it (lines 171-200; check_gid from line 105; the range
#   from get_ranges, line 31); otherwise one above the highest gid used in that range (lines
#   238-272, 376-428), or, when that is past GID_MAX, the first free gid from GID_MIN (lines
#   380-393, 438 on). Debian's login.defs sets GID_MIN 1000 and GID_MAX 60000, shadow's defaults too.
USERADD_GID_MIN=1000
USERADD_GID_MAX=60000
# The group file; only the library's own tests point it elsewhere.
USERADD_GROUP_FILE=${USERADD_GROUP_FILE:-/etc/group}

# True when a group of /etc/group has gid $1.
group_gid_taken() { awk -F: -v id="$1" '$3 == id { found = 1 } END { exit !found }' "$USERADD_GROUP_FILE"; }

# The gid useradd gives the user group of a new user with uid $1.
user_group_gid() {
  preferred=$1
  if [ "$preferred" -ge "$USERADD_GID_MIN" ] && [ "$preferred" -le "$USERADD_GID_MAX" ] && ! group_gid_taken "$preferred"; then
    echo "$preferred"
    return
  fi
  next=$(awk -F: -v min="$USERADD_GID_MIN" -v max="$USERADD_GID_MAX" '
    BEGIN { high = min }
    $3 >= min && $3 <= max && $3 + 1 > high { high = $3 + 1 }
    END { print high }' "$USERADD_GROUP_FILE")
  [ "$next" -gt "$USERADD_GID_MAX" ] && next=$USERADD_GID_MIN
  while [ "$next" -le "$USERADD_GID_MAX" ] && group_gid_taken "$next"; do next=$((next + 1)); done
  echo "$next"
}

# `useradd -l -m -u UID -s SHELL NAME`: the user group, the user, the home directory.
useradd_with_group() {
  name=$1 uid=$2 shell=${3:-/bin/sh}
  gid=$(user_group_gid "$uid")
  echo "$name:x:$gid:" >>/etc/group
  echo "$name:x:$uid:$gid::/home/$name:$shell" >>/etc/passwd
  mkdir -p "/home/$name"
  chown "$uid:$gid" "/home/$name"
}

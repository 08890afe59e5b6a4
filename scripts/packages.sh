# Debian packages a script needs, installed when missing (sourced, not run; needs root then).
#
#   install_packages <package>...   installs them with apt-get, refreshing the lists if needed;
#                                   none of their own services is started (the scripts start what
#                                   they need, on their own ports)

install_packages() {
  local own_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    own_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null ||
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
  local status=$?
  ((own_policy)) && rm -f /usr/sbin/policy-rc.d
  return $status
}

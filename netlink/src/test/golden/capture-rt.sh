#!/usr/bin/env bash
# Captures what iproute2 sends for each rtnetlink operation the toolkit encodes, as golden bytes for
# RtGoldenTest. Runs in scratch namespaces it makes and deletes (never the root namespace); needs root.
# Each output file holds the command (comment line) and the hex of the last request message it sent
# (the change itself; earlier messages are name lookups). Usage: capture-rt.sh OUTPUT_DIR
set -euo pipefail
out=${1:?output dir}
ns=lyt-rtcap-$$; peer=lyt-rtcap-$$-peer
trap 'ip netns del $ns 2>/dev/null; ip netns del $peer 2>/dev/null' EXIT
ip netns add $ns; ip netns add $peer
ip -n $ns link add br0 type bridge
ip -n $ns link add vh0 type veth peer name eth0 netns $peer
ip -n $ns link add vx0 type vxlan id 7 dstport 4789
ip -n $ns link add d0 type veth peer name d1
ip -n $ns link add m0 type veth peer name m1
ip -n $ns link set br0 up; ip -n $ns link set d0 up
ip -n $ns addr add 10.0.0.1/24 dev br0
ip -n $ns addr add 10.0.1.2/24 dev br0
ip -n $ns -6 addr add 2001:db8::2/64 dev br0 nodad
ip -n $ns route add 10.8.0.0/16 via 10.0.0.1
ip -n $ns link set vh0 master br0

capture() { # NAME COMMAND...
  local name=$1; shift
  strace -X raw -f -e trace=sendmsg,sendto -xx -s 65536 "$@" 2>&1 >/dev/null | python3 -c '
import re, struct, sys
last = None
for line in sys.stdin:
    m = re.search(r"\[\{nlmsg_len=(\d+), nlmsg_type=(0x[0-9a-f]+|\d+), nlmsg_flags=(0x[0-9a-f]+|\d+), nlmsg_seq=\d+, nlmsg_pid=\d+\}, \"((?:\\x[0-9a-f]{2})*)\"\]", line)
    if m:
        length, mtype, flags = int(m.group(1)), int(m.group(2), 0), int(m.group(3), 0)
        body = bytes(int(h, 16) for h in re.findall(r"\\x([0-9a-f]{2})", m.group(4)))
        last = struct.pack("=IHHII", length, mtype, flags, 0, 0) + body
if last is None:
    sys.exit("no netlink request captured")
print(last.hex())
' > "$out/$name.hex.tmp"
  { echo "# $*" | sed "s/$ns/NS/g; s/$peer/PEER/g"; cat "$out/$name.hex.tmp"; } > "$out/$name.hex"
  rm "$out/$name.hex.tmp"
}

capture link-add-bridge ip -n $ns link add br1 type bridge
capture link-add-bridge-no-snooping ip -n $ns link add br2 type bridge mcast_snooping 0
capture link-add-veth-peer-in-netns ip -n $ns link add vh1 type veth peer name eth1 netns $peer
capture link-add-vxlan ip -n $ns link add vx1 type vxlan id 42 local 10.1.1.1 dev br0 dstport 4789 nolearning proxy
capture link-add-macvlan ip -n $ns link add mv0 link m0 type macvlan mode bridge
capture link-set-up ip -n $ns link set dev d0 up
capture link-set-down ip -n $ns link set dev d0 down
capture link-set-mtu ip -n $ns link set dev d0 mtu 1400
capture link-set-address ip -n $ns link set dev d0 address 02:11:22:33:44:55
capture link-set-name ip -n $ns link set dev d1 name d2
capture link-set-master ip -n $ns link set dev d0 master br0
capture link-set-nomaster ip -n $ns link set dev d0 nomaster
capture link-set-addrgenmode-none ip -n $ns link set dev d0 addrgenmode none
capture link-set-netns ip -n $ns link set dev d2 netns $peer
capture link-del ip -n $ns link del dev br1
capture link-set-group ip -n $ns link set dev d0 group 7
capture link-del-group ip -n $ns link del group 7
capture addr-add-v4 ip -n $ns addr add 10.0.0.2/24 dev br0
capture addr-add-v6-nodad ip -n $ns addr add 2001:db8::3/64 dev br0 nodad
capture addr-del-v4 ip -n $ns addr del 10.0.1.2/24 dev br0
capture route-add-default-via ip -n $ns route add default via 10.0.0.1
capture route-add-onlink ip -n $ns route add 10.9.0.0/16 via 10.0.9.1 dev br0 onlink
capture route-del ip -n $ns route del 10.8.0.0/16 via 10.0.0.1
capture neigh-add ip -n $ns neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev br0 nud permanent
capture neigh-replace-v6 ip -n $ns neigh replace 2001:db8::9 lladdr 02:00:00:00:00:0a dev br0 nud reachable
capture neigh-del ip -n $ns neigh del 10.0.0.9 dev br0
capture fdb-add-self-dst bridge -n $ns fdb add 02:00:00:00:00:0b dev vx0 self permanent dst 10.1.1.2
capture fdb-del bridge -n $ns fdb del 02:00:00:00:00:0b dev vx0 self dst 10.1.1.2
capture bridge-hairpin-on bridge -n $ns link set dev vh0 hairpin on
capture bridge-hairpin-off bridge -n $ns link set dev vh0 hairpin off

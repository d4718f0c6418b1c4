#!/bin/sh
# nftables v1.0.6 wrote the .hex files here: for f in *.nft; do ./capture.sh NS $f ${f%.nft}.hex; done
# (NS: a scratch namespace made with ip netns add; flushed first)
# usage: cap.sh NS FILE.nft OUT.hex  — flush, run nft -f under strace, write the batch bytes as hex lines
ip netns exec "$1" nft flush ruleset
ip netns exec "$1" strace -f -e trace=sendmsg -e write=3 -o /tmp/nft-golden.$$ nft -f "$2" || exit 1
python3 - /tmp/nft-golden.$$ "$3" <<'PY'
import re,sys
out=[]
for line in open(sys.argv[1]):
    m=re.search(r'\| [0-9a-f]{5}  ((?:[0-9a-f]{2} {1,2}){1,16})',line)
    if m: out+=m.group(1).split()
h=''.join(out)
open(sys.argv[2],'w').write('\n'.join(h[i:i+32] for i in range(0,len(h),32))+'\n')
PY
rm /tmp/nft-golden.$$

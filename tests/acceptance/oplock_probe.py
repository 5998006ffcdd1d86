#!/usr/bin/python3
# What a server grants to one CREATE (for tests/acceptance/openstate-config.bats).
# usage: oplock_probe.py [--hold] [--durable] PORT USER PASS SHARE FILE REQUEST
#                        [DIALECT]
# REQUEST: none, II, exclusive, batch (an oplock) or lease (an RWH lease,
# v1 create context "RqLs" with a random key).  DIALECT: 2.1, 3.0 or
# 3.1.1 (default 3.0; impacket 0.10 keeps no capabilities below 3.0).
# Creates or opens FILE (read/write, all sharing), then prints one line
#     cap_leasing=yes|no|? oplock=none|II|exclusive|batch|lease lease=RHW|none|-
# (the server's NEGOTIATE capability, the CREATE reply's OplockLevel and
# the lease state of its lease context: letters among RHW, "none" for a
# lease without caching, "-" when the reply has no lease context), closes
# the file and logs off.  With --hold it waits until stdin reaches EOF
# before closing, and never acknowledges a break meanwhile (a client that
# does not answer).  --durable adds a durable handle request (DHnQ, v1)
# and prints durable=yes|no (whether the reply has a DHnQ context).
# Exit 1 with a message if anything fails.
import os
import struct
import sys

from impacket import smb3structs as s3
from impacket.smbconnection import SMBConnection

DIALECTS = {"2.1": s3.SMB2_DIALECT_21, "3.0": s3.SMB2_DIALECT_30,
            "3.1.1": s3.SMB2_DIALECT_311}
REQUESTS = {"none": s3.SMB2_OPLOCK_LEVEL_NONE, "II": s3.SMB2_OPLOCK_LEVEL_II,
            "exclusive": s3.SMB2_OPLOCK_LEVEL_EXCLUSIVE,
            "batch": s3.SMB2_OPLOCK_LEVEL_BATCH,
            "lease": s3.SMB2_OPLOCK_LEVEL_LEASE}
LEVELS = {v: k for k, v in REQUESTS.items()}
CAP_LEASING = 0x02
RWH = (s3.SMB2_LEASE_READ_CACHING | s3.SMB2_LEASE_HANDLE_CACHING |
       s3.SMB2_LEASE_WRITE_CACHING)


def lease_context():
    """SMB2_CREATE_REQUEST_LEASE (MS-SMB2 2.2.13.2.8) in a create context."""
    data = s3.SMB2_CREATE_REQUEST_LEASE()
    data["LeaseKey"] = os.urandom(16)
    data["LeaseState"] = RWH
    ctx = s3.SMB2CreateContext()
    ctx["NameOffset"] = 16
    ctx["NameLength"] = 4
    ctx["DataOffset"] = 24		# the name padded to 8 bytes
    ctx["DataLength"] = len(data)
    ctx["Buffer"] = b"RqLs" + b"\0" * 4 + data.getData()
    return ctx


def durable_context():
    """SMB2_CREATE_DURABLE_HANDLE_REQUEST (MS-SMB2 2.2.13.2.3)."""
    ctx = s3.SMB2CreateContext()
    ctx["NameOffset"] = 16
    ctx["NameLength"] = 4
    ctx["DataOffset"] = 24
    ctx["DataLength"] = 16
    ctx["Buffer"] = b"DHnQ" + b"\0" * 4 + b"\0" * 16
    return ctx


def contexts(buf):
    """(name, data) of each create context in a CREATE reply's buffer."""
    off = 0
    while off + 16 <= len(buf):
        nxt, noff, nlen, _, doff, dlen = struct.unpack_from("<LHHHHL", buf, off)
        yield (buf[off + noff:off + noff + nlen],
               buf[off + doff:off + doff + dlen])
        if not nxt:
            break
        off += nxt


def letters(state):
    out = "".join(c for bit, c in ((s3.SMB2_LEASE_READ_CACHING, "R"),
                                   (s3.SMB2_LEASE_HANDLE_CACHING, "H"),
                                   (s3.SMB2_LEASE_WRITE_CACHING, "W"))
                  if state & bit)
    return out or "none"


def main():
    args = sys.argv[1:]
    hold = "--hold" in args
    if hold:
        args.remove("--hold")
    durable = "--durable" in args
    if durable:
        args.remove("--durable")
    if len(args) not in (6, 7) or args[5] not in REQUESTS or \
       (len(args) == 7 and args[6] not in DIALECTS):
        sys.exit("usage: oplock_probe.py [--hold] [--durable] PORT USER PASS SHARE FILE "
                 "none|II|exclusive|batch|lease [2.1|3.0|3.1.1]")
    port, user, pw, share, name, req = args[:6]
    dialect = DIALECTS[args[6] if len(args) > 6 else "3.0"]
    conn = SMBConnection("127.0.0.1", "127.0.0.1", sess_port=int(port),
                         preferredDialect=dialect)
    conn.login(user, pw)
    smb = conn.getSMBServer()
    if smb.getDialect() >= s3.SMB2_DIALECT_30:
        cap = "yes" if smb._Connection["ServerCapabilities"] & CAP_LEASING else "no"
    else:
        cap = "?"
    tid = conn.connectTree(share)

    # impacket's create() returns only the FileId: keep the raw reply
    replies = []
    recv = smb.recvSMB

    def keep(packet_id):
        ans = recv(packet_id)
        replies.append(ans)
        return ans

    smb.recvSMB = keep
    ctxs = [lease_context()] if req == "lease" else []
    if durable:
        ctxs.append(durable_context())
    for c in ctxs[:-1]:		# each is a multiple of 8 bytes long
        c["Next"] = len(c.getData())
    fid = smb.create(tid, name,
                     desiredAccess=s3.FILE_READ_DATA | s3.FILE_WRITE_DATA,
                     shareMode=(s3.FILE_SHARE_READ | s3.FILE_SHARE_WRITE |
                                s3.FILE_SHARE_DELETE),
                     creationOptions=s3.FILE_NON_DIRECTORY_FILE,
                     creationDisposition=s3.FILE_OPEN_IF,
                     fileAttributes=s3.FILE_ATTRIBUTE_NORMAL,
                     oplockLevel=REQUESTS[req],
                     createContexts=ctxs or None)
    smb.recvSMB = recv
    rsp = s3.SMB2Create_Response(replies[-1]["Data"])
    lease = "-"
    got_durable = False
    for cname, data in contexts(rsp["Buffer"]):
        if cname == b"RqLs" and len(data) >= 20:
            lease = letters(struct.unpack_from("<L", data, 16)[0])
        got_durable |= cname == b"DHnQ"
    print("cap_leasing=%s oplock=%s lease=%s%s" % (
        cap, LEVELS.get(rsp["OplockLevel"], "0x%02x" % rsp["OplockLevel"]), lease,
        (" durable=" + ("yes" if got_durable else "no")) if durable else ""),
        flush=True)
    if hold:
        sys.stdin.read()
    smb.close(tid, fid)
    conn.logoff()


if __name__ == "__main__":
    main()

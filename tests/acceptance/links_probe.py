#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Symbolic links and special files as a Windows-like client sees them,
through impacket: the symbolic link error response (MS-SMB2 2.2.2.2.1),
FILE_OPEN_REPARSE_POINT, reparse tags in FileAttributeTagInformation and
listings, FSCTL_GET/SET_REPARSE_POINT (MS-FSCC 2.1.2), and a link to a
place outside the share that the server must not follow.

usage: links_probe.py PORT USER PASS [DIALECT]   (e.g. 0x311; default 0x300)
The share must hold (made on the server by the test):
  target.txt, lnk -> target.txt, sub/inner.txt, dirlnk -> sub,
  esc -> /srv/ro (outside the share), fifo (a FIFO), data.txt (not empty)
Prints one "ok ..." line per check, exits non-zero at the first failure.
The server side of what it creates is checked by the test afterwards:
  newlnk -> a/b, nfsfifo (a FIFO)."""
import struct
import sys

from impacket.smbconnection import SMBConnection
from impacket import smb3structs as s3
import copy
from impacket.smb3 import SessionError, OPEN

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
want = int(sys.argv[4], 16) if len(sys.argv) > 4 else 0x300

STOPPED_ON_SYMLINK = 0x8000002D
TAG_NOT_HANDLED = 0xC0000279
DATA_INVALID = 0xC0000278
TAG_SYMLINK, TAG_NFS = 0xA000000C, 0x80000014
NFS_FIFO = 0x4F464946
FSCTL_SET, FSCTL_GET = 0x000900A4, 0x000900A8
OPEN_REPARSE = 0x00200000
READ_ATTR, WRITE_ATTR, DELETE, SYNC = 0x80, 0x100, 0x10000, 0x100000
ATTR_REPARSE = 0x400


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)
    print("ok " + msg)


c = SMBConnection("127.0.0.1", "127.0.0.1", sess_port=port,
                  preferredDialect=want)
c.login(user, password)
tid = c.connectTree("share")
smb = c.getSMBServer()
dialect = smb._Connection['Dialect']
if dialect != want:
    fail("negotiated 0x%x, not 0x%x" % (dialect, want))


def raw_create(name, access=READ_ATTR, options=0, disposition=s3.FILE_OPEN):
    """CREATE; returns (status, response data) without raising."""
    packet = smb.SMB_PACKET()
    packet['Command'] = s3.SMB2_CREATE
    packet['TreeID'] = tid
    req = s3.SMB2Create()
    req['SecurityFlags'] = 0
    req['RequestedOplockLevel'] = 0
    req['ImpersonationLevel'] = s3.SMB2_IL_IMPERSONATION
    req['DesiredAccess'] = access
    req['FileAttributes'] = 0
    req['ShareAccess'] = 7
    req['CreateDisposition'] = disposition
    req['CreateOptions'] = options
    req['NameLength'] = len(name) * 2
    req['Buffer'] = name.encode('utf-16le')
    req['CreateContextsOffset'] = 0
    req['CreateContextsLength'] = 0
    packet['Data'] = req
    ans = smb.recvSMB(smb.sendSMB(packet))
    return ans['Status'], ans['Data']


def fid_of(data):
    """The FileId of a CREATE response, known to impacket's tables."""
    fid = s3.SMB2Create_Response(data)['FileID'].getData()
    o = copy.deepcopy(OPEN)
    o['FileID'] = fid
    o['TreeConnect'] = tid
    o['FileName'] = 'links_probe:%d' % len(smb._Session['OpenTable'])
    smb._Session['OpenTable'][fid] = o
    smb.GlobalFileTable[o['FileName']] = {}
    return fid


def symlink_error(data):
    """Parse the ERROR response of STATUS_STOPPED_ON_SYMLINK."""
    size, ctxcount, _, nbytes = struct.unpack_from('<HBBI', data, 0)
    if size != 9:
        fail("error response StructureSize %d" % size)
    body = data[8:8 + nbytes]
    if dialect == 0x311:
        if ctxcount != 1:
            fail("3.1.1: ErrorContextCount %d, want 1" % ctxcount)
        dlen, eid = struct.unpack_from('<II', body, 0)
        if eid != 0:
            fail("error context id %d" % eid)
        body = body[8:8 + dlen]
    (_, tag, rtag, _, unparsed, soff, slen, poff, plen,
     flags) = struct.unpack_from('<IIIHHHHHHI', body, 0)
    if tag != 0x4C4D5953 or rtag != TAG_SYMLINK:
        fail("symlink error tags %x %x" % (tag, rtag))
    path = body[28:]
    sub = path[soff:soff + slen].decode('utf-16le')
    prn = path[poff:poff + plen].decode('utf-16le')
    return sub, prn, unparsed, flags


# 1. a link at the end of the path: STOPPED_ON_SYMLINK with its target
st, data = raw_create("lnk")
check(st == STOPPED_ON_SYMLINK, "open of a symlink: STATUS_STOPPED_ON_SYMLINK "
      "(got 0x%x)" % st)
sub, prn, unparsed, flags = symlink_error(data)
check(sub == "target.txt" and flags & 1 and unparsed == 0,
      "error response: target %r relative, nothing unparsed" % sub)
check(prn in ("", "target.txt"), "print name %r" % prn)

# 2. a link inside the path: UnparsedPathLength is what follows it
st, data = raw_create("dirlnk\\inner.txt")
sub, _, unparsed, flags = symlink_error(data) if st == STOPPED_ON_SYMLINK \
    else fail("dirlnk\\inner.txt: 0x%x" % st)
check(sub == "sub" and unparsed == len("\\inner.txt") * 2,
      "link in the path: target %r, %d bytes unparsed" % (sub, unparsed))

# 3. a link out of the share is never followed by the server
st, data = raw_create("esc\\readme.txt", access=0x120089)
check(st == STOPPED_ON_SYMLINK, "esc\\readme.txt (link to /srv/ro): "
      "STOPPED_ON_SYMLINK, not the file (got 0x%x)" % st)
sub, _, _, flags = symlink_error(data)
check(sub == "\\srv\\ro" and not flags & 1,
      "absolute target %r handed to the client" % sub)

# 4. FILE_OPEN_REPARSE_POINT opens the link itself
st, data = raw_create("lnk", access=READ_ATTR | SYNC, options=OPEN_REPARSE)
check(st == 0, "open of lnk with FILE_OPEN_REPARSE_POINT (0x%x)" % st)
fid = fid_of(data)
info = smb.queryInfo(tid, fid, fileInfoClass=35)      # AttributeTag
attrs, tag = struct.unpack_from('<II', info, 0)
check(attrs & ATTR_REPARSE and tag == TAG_SYMLINK,
      "FileAttributeTagInformation: 0x%x, tag 0x%x" % (attrs, tag))
buf = smb.ioctl(tid, fid, FSCTL_GET, flags=1, maxInputResponse=0,
                maxOutputResponse=4096)
rtag, rlen = struct.unpack_from('<IH', buf, 0)
soff, slen = struct.unpack_from('<HH', buf, 8)
target = buf[20 + soff:20 + soff + slen].decode('utf-16le')
check(rtag == TAG_SYMLINK and rlen == len(buf) - 8 and target ==
      "target.txt", "FSCTL_GET_REPARSE_POINT: %r" % target)
smb.close(tid, fid)

# 5. listings show links and special files as reparse points
st, data = raw_create("", access=0x120089, options=1)
fid = fid_of(data)
entries = smb.queryDirectory(tid, fid, "*", informationClass=38,
                             maxBufferSize=65536)
smb.close(tid, fid)
seen = {}
off = 0
while True:
    nxt, = struct.unpack_from('<I', entries, off)
    attrs, nlen, ea = struct.unpack_from('<III', entries, off + 56)
    name = entries[off + 80:off + 80 + nlen].decode('utf-16le')
    seen[name] = (attrs, ea)
    if not nxt:
        break
    off += nxt
for name, tag in (("lnk", TAG_SYMLINK), ("dirlnk", TAG_SYMLINK),
                  ("esc", TAG_SYMLINK), ("fifo", TAG_NFS)):
    attrs, ea = seen.get(name, (0, 0))
    check(attrs & ATTR_REPARSE and ea == tag,
          "listing: %s is a reparse point with tag 0x%x" % (name, ea))
check(not seen["target.txt"][0] & ATTR_REPARSE, "listing: target.txt is not")

# 6. a special file without FILE_OPEN_REPARSE_POINT, then with it
st, _ = raw_create("fifo")
check(st == TAG_NOT_HANDLED, "open of a FIFO: IO_REPARSE_TAG_NOT_HANDLED "
      "(0x%x)" % st)
st, data = raw_create("fifo", access=READ_ATTR, options=OPEN_REPARSE)
fid = fid_of(data)
buf = smb.ioctl(tid, fid, FSCTL_GET, flags=1, maxInputResponse=0,
                maxOutputResponse=4096)
rtag, = struct.unpack_from('<I', buf, 0)
kind, = struct.unpack_from('<Q', buf, 8)
check(rtag == TAG_NFS and kind == NFS_FIFO, "FIFO: NFS reparse point, FIFO")
smb.close(tid, fid)


def make(name):
    st, data = raw_create(name, access=DELETE | READ_ATTR | WRITE_ATTR | SYNC,
                          options=OPEN_REPARSE | 0x40,
                          disposition=s3.FILE_CREATE)
    if st != 0:
        fail("create %s: 0x%x" % (name, st))
    return fid_of(data)


def set_reparse(fid, blob):
    try:
        smb.ioctl(tid, fid, FSCTL_SET, flags=1, inputBlob=blob,
                  maxInputResponse=0, maxOutputResponse=0)
        return 0
    except SessionError as e:
        return e.get_error_code()


# 7. a client makes a symlink and a FIFO (what cifs.ko and Windows do)
t = "a\\b".encode('utf-16le')
sym = struct.pack('<IHHHHHHI', TAG_SYMLINK, 12 + 2 * len(t), 0, 0, len(t),
                  len(t), len(t), 1) + t + t
fid = make("newlnk")
check(set_reparse(fid, sym) == 0, "FSCTL_SET_REPARSE_POINT: symlink newlnk")
info = smb.queryInfo(tid, fid, fileInfoClass=35)
attrs, tag = struct.unpack_from('<II', info, 0)
check(tag == TAG_SYMLINK, "the open now shows the link (tag 0x%x)" % tag)
smb.close(tid, fid)
fid = make("nfsfifo")
check(set_reparse(fid, struct.pack('<IHHQ', TAG_NFS, 8, 0, NFS_FIFO)) == 0,
      "FSCTL_SET_REPARSE_POINT: NFS FIFO nfsfifo")
smb.close(tid, fid)

# 8. bad buffers and a file with data are refused, nothing changes
fid = make("badlnk")
check(set_reparse(fid, sym[:-2]) == DATA_INVALID,
      "a symlink buffer whose lengths do not add up: DATA_INVALID")
check(set_reparse(fid, struct.pack('<IHH', TAG_NFS, 0, 0)) == DATA_INVALID,
      "an NFS buffer without a type: DATA_INVALID")
smb.close(tid, fid)
st, data = raw_create("data.txt", access=WRITE_ATTR | READ_ATTR | SYNC)
fid = fid_of(data)
check(set_reparse(fid, sym) != 0, "no reparse point on a file with data")
smb.close(tid, fid)

# 9. names are found ignoring case on a default share
st, data = raw_create("TARGET.TXT")
check(st == 0, "TARGET.TXT opens target.txt (0x%x)" % st)
smb.close(tid, fid_of(data))
st, _ = raw_create("SUB\\INNER.TXT")
check(st == 0, "SUB\\INNER.TXT opens sub/inner.txt (0x%x)" % st)
print("ok all (dialect 0x%x)" % dialect)

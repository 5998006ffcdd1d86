#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A Windows-like client path through impacket: DOS attributes, creation
time and an NT ACL set on a file and read back, over a fresh connection.

usage: meta_impacket.py PORT USER PASS
Prints one "ok ..." line per check and exits non-zero on the first
mismatch."""
import struct
import sys

from impacket.smbconnection import SMBConnection
from impacket import smb3structs as s3

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
NAME = "meta_impacket.txt"
HIDDEN, SYSTEM, ARCHIVE = 0x2, 0x4, 0x20
CTIME = 132000000000000000          # 2019-04-14, NT time
OWNER, GROUP, DACL = 1, 2, 4


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def connect():
    c = SMBConnection("127.0.0.1", "127.0.0.1", sess_port=port)
    c.login(user, password)
    tid = c.connectTree("share")
    return c, c.getSMBServer(), tid


def sid(auth, *subs):
    return struct.pack("<BB", 1, len(subs)) + b"\0" * 5 + bytes([auth]) + \
        b"".join(struct.pack("<I", x) for x in subs)


def ace(typ, flags, mask, s):
    return struct.pack("<BBHI", typ, flags, 8 + len(s), mask) + s


def acl(*aces):
    body = b"".join(aces)
    return struct.pack("<BBHHH", 2, 0, 8 + len(body), len(aces), 0) + body


def sd(owner, group, dacl):
    hdr = 20
    o, g, d = hdr, hdr + len(owner), hdr + len(owner) + len(group)
    return struct.pack("<BBHIIII", 1, 0, 0x8004, o, g, 0, d) + owner + \
        group + dacl


c, smb, tid = connect()
fid = smb.create(tid, NAME, 0x001F01FF, 7, 0, s3.FILE_OVERWRITE_IF,
                 HIDDEN)
smb.write(tid, fid, b"hello", 0, 5)
# FileBasicInformation: creation time and attributes; the rest unchanged
basic = struct.pack("<QQQQI4x", CTIME, 0, 0, 0, HIDDEN | SYSTEM)
smb.setInfo(tid, fid, basic, s3.SMB2_0_INFO_FILE, s3.SMB2_FILE_BASIC_INFO)

# who am I: the owner the server reports for my new file
got = smb.queryInfo(tid, fid, b"", s3.SMB2_0_INFO_SECURITY, 0, OWNER)
off = struct.unpack_from("<I", got, 4)[0]
me = got[off:off + 8 + 4 * got[off + 1]]
# an NT ACL with an ACE only Windows would write: a domain SID
dom = sid(5, 21, 1111, 2222, 3333, 1013)
everyone = sid(1, 0)
dacl = acl(ace(0, 0, 0x001F01FF, me), ace(0, 3, 0x001200A9, dom),
           ace(1, 0, 0x00010000, everyone))
smb.setInfo(tid, fid, sd(me, sid(22, 2, 100), dacl),
            s3.SMB2_0_INFO_SECURITY, 0, OWNER | GROUP | DACL)
smb.close(tid, fid)
c.logoff()

# a new connection reads it all back
c, smb, tid = connect()
fid = smb.create(tid, NAME, 0x00120089, 7, 0, s3.FILE_OPEN, 0)
b = smb.queryInfo(tid, fid, b"", s3.SMB2_0_INFO_FILE,
                  s3.SMB2_FILE_BASIC_INFO)
ctime, _, _, _, attrs = struct.unpack_from("<QQQQI", b)
if ctime != CTIME:
    fail("creation time %d, want %d" % (ctime, CTIME))
print("ok creation time kept")
if attrs & (HIDDEN | SYSTEM) != HIDDEN | SYSTEM:
    fail("attributes 0x%x, want HIDDEN|SYSTEM" % attrs)
print("ok DOS attributes kept (0x%x)" % attrs)
got = smb.queryInfo(tid, fid, b"", s3.SMB2_0_INFO_SECURITY, 0,
                    OWNER | GROUP | DACL)
o, g, _, d = struct.unpack_from("<IIII", got, 4)
gd = got[d:d + struct.unpack_from("<H", got, d + 2)[0]]
if gd != dacl:
    fail("DACL read back differs: %s vs %s" % (gd.hex(), dacl.hex()))
if got[g:g + 16] != sid(22, 2, 100):
    fail("group read back differs")
print("ok NT ACL read back as set (%d bytes)" % len(got))
smb.close(tid, fid)
c.deleteFile("share", NAME)
c.logoff()
print("ok done")

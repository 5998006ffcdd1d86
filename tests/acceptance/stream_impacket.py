#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A named stream of 1 MiB through impacket (a Windows-like client path):
written in pieces, read back over a fresh connection, listed by
FileStreamInformation beside ::$DATA, truncated, and removed with the
file.  The file's own data is left alone.

usage: stream_impacket.py PORT USER PASS
Prints one "ok ..." line per check and exits non-zero on the first
mismatch."""
import functools
import hashlib
import struct
import sys

from impacket.smbconnection import SMBConnection
from impacket import smb3structs as s3

print = functools.partial(print, flush=True)  # noqa: A001
port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
NAME = "stream_impacket.txt"
STREAM = NAME + ":big stream:$DATA"
SIZE = 1 << 20
PIECE = 60000                       # not a multiple of the 64 KiB chunks
FILE_STREAM_INFORMATION = 22
FILE_END_OF_FILE_INFORMATION = 20


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def connect():
    c = SMBConnection("127.0.0.1", "127.0.0.1", sess_port=port)
    c.login(user, password)
    tid = c.connectTree("share")
    return c, c.getSMBServer(), tid


def pattern(n):
    out = bytearray()
    i = 0
    while len(out) < n:
        out += hashlib.sha256(struct.pack("<I", i)).digest()
        i += 1
    return bytes(out[:n])


def read_all(smb, tid, fid, size):
    data = b""
    while len(data) < size:
        try:
            chunk = smb.read(tid, fid, len(data),
                             min(65536, size - len(data)))
        except Exception as e:  # noqa: BLE001 -- SessionError
            if "END_OF_FILE" in str(e):
                break
            raise
        if not chunk:
            break
        data += chunk
    return data


def streams(smb, tid, fid):
    raw = smb.queryInfo(tid, fid, infoType=s3.SMB2_0_INFO_FILE,
                        fileInfoClass=FILE_STREAM_INFORMATION)
    out, off = {}, 0
    while True:
        nxt, nlen, size, _alloc = struct.unpack_from("<IIQQ", raw, off)
        out[raw[off + 24:off + 24 + nlen].decode("utf-16-le")] = size
        if not nxt:
            return out
        off += nxt


data = pattern(SIZE)
c, smb, tid = connect()
fid = smb.create(tid, NAME, 0x001F01FF, 7, 0, s3.FILE_OVERWRITE_IF, 0)
smb.write(tid, fid, b"base data", 0, 9)
smb.close(tid, fid)
sid = smb.create(tid, STREAM, 0x001F01FF, 7, 0, s3.FILE_OVERWRITE_IF, 0)
for off in range(0, SIZE, PIECE):
    piece = data[off:off + PIECE]
    n = smb.write(tid, sid, piece, off, len(piece))
    if n != len(piece):
        fail("write at %d wrote %d of %d bytes" % (off, n, len(piece)))
smb.close(tid, sid)
c.logoff()
print("ok 1 MiB written to the stream")

c, smb, tid = connect()
sid = smb.create(tid, STREAM, 0x00120089, 7, 0, s3.FILE_OPEN, 0)
back = read_all(smb, tid, sid, SIZE + 1)
if back != data:
    fail("read back %d bytes, %s" % (len(back), "same length"
                                      if len(back) == SIZE else "differs"))
print("ok 1 MiB read back as written")
# a read across a chunk boundary
part = smb.read(tid, sid, 65536 - 10, 20)
if part != data[65536 - 10:65536 + 10]:
    fail("read across the 64 KiB chunk boundary")
print("ok read across a chunk boundary")
got = streams(smb, tid, sid)
if got.get("::$DATA") != 9 or got.get(":big stream:$DATA") != SIZE:
    fail("FileStreamInformation: %r" % got)
print("ok FileStreamInformation lists ::$DATA (9) and the stream (1 MiB)")
smb.close(tid, sid)

sid = smb.create(tid, STREAM, 0x001F01FF, 7, 0, s3.FILE_OPEN, 0)
smb.setInfo(tid, sid, struct.pack("<Q", 100000),
            infoType=s3.SMB2_0_INFO_FILE,
            fileInfoClass=FILE_END_OF_FILE_INFORMATION)
back = read_all(smb, tid, sid, SIZE)
if back != data[:100000]:
    fail("after truncating to 100000 the stream reads %d bytes" % len(back))
smb.close(tid, sid)
print("ok truncated to 100000 bytes")

# past the size limit (module parameter stream_max_size, 8 MiB by default)
sid = smb.create(tid, STREAM, 0x001F01FF, 7, 0, s3.FILE_OPEN, 0)
try:
    smb.write(tid, sid, b"xx", (8 << 20) - 1, 2)
    fail("a write past stream_max_size succeeded")
except Exception as e:  # noqa: BLE001 -- SessionError
    if "DISK_FULL" not in str(e):
        fail("a write past stream_max_size: %s" % e)
smb.close(tid, sid)
print("ok a write past the stream size limit is STATUS_DISK_FULL")

fid = smb.create(tid, NAME, 0x00120089, 7, 0, s3.FILE_OPEN, 0)
# the stream's xattrs are not EAs
try:
    eas = smb.queryInfo(tid, fid, infoType=s3.SMB2_0_INFO_FILE,
                        fileInfoClass=15)
except Exception as e:  # noqa: BLE001 -- SessionError
    eas = b"" if "NO_EAS_ON_FILE" in str(e) else str(e).encode()
if b"c\0i\0f" in eas or b"cifsd" in eas.lower():
    fail("FileFullEaInformation shows the stream: %r" % eas[:80])
print("ok the stream is not an EA")
base = smb.read(tid, fid, 0, 100)
smb.close(tid, fid)
if base != b"base data":
    fail("the file's own data changed: %r" % base)
print("ok the file's own data is untouched")

c.deleteFile("share", NAME)
try:
    smb.create(tid, STREAM, 0x00120089, 7, 0, s3.FILE_OPEN, 0)
    fail("the stream outlived its file")
except Exception as e:  # noqa: BLE001 -- impacket raises SessionError
    if "OBJECT_NAME_NOT_FOUND" not in str(e):
        fail("open after delete: %s" % e)
print("ok the stream went with its file")
c.logoff()

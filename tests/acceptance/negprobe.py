#!/usr/bin/python3
"""Send one NEGOTIATE to an SMB server and print what it answered.

usage: negprobe.py smb1|smb2 PORT
  smb1: an SMB1 multi-protocol NEGOTIATE offering "NT LM 0.12", "SMB 2.002"
        and "SMB 2.???" (what older clients send first)
  smb2: an SMB2 NEGOTIATE for 2.0.2, 2.1 and 3.0
Prints: protocol=smb2 command=N status=0x... dialect=0x... security_mode=N
"""
import socket
import struct
import sys


def smb1_negotiate():
    dialects = b''.join(b'\x02' + d + b'\x00'
                        for d in (b'NT LM 0.12', b'SMB 2.002', b'SMB 2.???'))
    hdr = (b'\xffSMB' + bytes([0x72]) + b'\x00' * 4 + bytes([0x18]) +
           struct.pack('<H', 0xc853) + b'\x00' * 12 +
           struct.pack('<HHHH', 0, 0xfeff, 0, 0))
    return hdr + bytes([0]) + struct.pack('<H', len(dialects)) + dialects


def smb2_negotiate():
    dialects = (0x0202, 0x0210, 0x0300)
    body = struct.pack('<HHHHI16sIHH', 36, len(dialects), 1, 0, 0,
                       b'\x11' * 16, 0, 0, 0)
    body += b''.join(struct.pack('<H', d) for d in dialects)
    hdr = b'\xfeSMB' + struct.pack('<HHIHHIIQIIQ16s', 64, 0, 0, 0, 1, 0, 0,
                                   0, 0, 0, 0, b'\x00' * 16)
    return hdr + body


def recv_exact(s, n):
    buf = b''
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise SystemExit('connection closed by the server')
        buf += chunk
    return buf


def main():
    kind, port = sys.argv[1], int(sys.argv[2])
    msg = smb1_negotiate() if kind == 'smb1' else smb2_negotiate()
    with socket.create_connection(('127.0.0.1', port), timeout=20) as s:
        s.sendall(struct.pack('>I', len(msg)) + msg)
        length = struct.unpack('>I', recv_exact(s, 4))[0] & 0xffffff
        rsp = recv_exact(s, length)
    if rsp[:4] != b'\xfeSMB' or len(rsp) < 64 + 8:
        raise SystemExit('not an SMB2 response')
    command = struct.unpack('<H', rsp[12:14])[0]
    status = struct.unpack('<I', rsp[8:12])[0]
    mode, dialect = struct.unpack('<HH', rsp[66:70])
    print('protocol=smb2 command=%d status=0x%08x dialect=0x%04x '
          'security_mode=%d' % (command, status, dialect, mode))


main()

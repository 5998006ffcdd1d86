#!/usr/bin/python3
"""A client that never encrypts, against a share that requires encryption.

usage: encprobe.py [-H HOST] -p PORT [-U USER%PASS] [-s SHARE] nocap|plain
  nocap: SMB 3.0 without SMB2_GLOBAL_CAP_ENCRYPTION; TREE_CONNECT to the
         share must be refused (MS-SMB2 3.3.5.7)
  plain: SMB 3.0 with the capability (the session gets keys); TREE_CONNECT
         succeeds with SMB2_SHAREFLAG_ENCRYPT_DATA, and an unencrypted
         CREATE on that tree must be refused (3.3.5.2.11)
Prints one line "tcon=0x... shareflags=0x... create=0x..."; exit status 0
when the server refused what it must refuse with ACCESS_DENIED.
"""
import argparse
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secprobe as sp  # noqa: E402

CAP_ENCRYPTION = 0x40
SHAREFLAG_ENCRYPT_DATA = 0x8000
ACCESS_DENIED = 0xC0000022


def negotiate_30(caps):
    body = struct.pack('<HHHHI16sQ', 36, 1, 1, 0, caps, os.urandom(16), 0)
    body += struct.pack('<H', 0x0300)
    return sp.header(sp.NEGOTIATE, 0, charge=0) + body


def login(c, user, password):
    """NTLMSSP login; returns the exported session key."""
    from impacket import ntlm
    from impacket.spnego import SPNEGO_NegTokenResp
    rsp = c.half_login()
    resp = SPNEGO_NegTokenResp(c.ss_blob(rsp))
    t3, key = ntlm.getNTLMSSPType3(c.t1, resp['ResponseToken'], user,
                                   password, '', '', '')
    tok = SPNEGO_NegTokenResp()
    tok['ResponseToken'] = t3.getData()
    rsp = c.call(sp.session_setup_req(c.mid, tok.getData(), c.sid))
    if sp.status_of(rsp) != 0:
        sys.exit('SESSION_SETUP status 0x%08x' % sp.status_of(rsp))
    return key


def decrypt(key, msg):
    """An SMB 3.0 transform message (AES-128-CCM) from the server."""
    from Cryptodome.Cipher import AES
    from impacket.crypto import KDF_CounterMode
    k = KDF_CounterMode(key, b'SMB2AESCCM\0', b'ServerOut\0', 128)
    nonce = msg[20:31]
    aes = AES.new(k, AES.MODE_CCM, nonce=nonce, mac_len=16)
    aes.update(msg[20:52])
    return aes.decrypt_and_verify(msg[52:], msg[4:20])


def call_any(c, msg, key):
    """Send, read the one reply, decrypting it if it comes encrypted."""
    c.s.sendall(sp.frame(msg))
    while True:
        rsp = sp.recv_msg(c.s)
        enc = rsp[:4] == b'\xfdSMB'
        if enc:
            rsp = decrypt(key, rsp)
        if sp.status_of(rsp) == 0x103 and \
                struct.unpack_from('<I', rsp, 16)[0] & 2:
            continue
        c.mid += 1
        return rsp, enc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-H', '--host', default='127.0.0.1')
    ap.add_argument('-p', '--port', type=int, default=445)
    ap.add_argument('-U', '--user', default='tester%Test-Pass1')
    ap.add_argument('-s', '--share', default='secret')
    ap.add_argument('mode', choices=('nocap', 'plain'))
    a = ap.parse_args()
    user, password = a.user.split('%', 1)

    c = sp.Client(a.host, a.port)
    rsp = c.call(negotiate_30(CAP_ENCRYPTION if a.mode == 'plain' else 0))
    if sp.status_of(rsp) != 0:
        sys.exit('NEGOTIATE status 0x%08x' % sp.status_of(rsp))
    key = login(c, user, password)
    rsp, _ = call_any(c, sp.tree_connect_req(c.mid, c.sid,
                                             '\\\\127.0.0.1\\' + a.share),
                      key)
    tcon = sp.status_of(rsp)
    flags = struct.unpack_from('<I', rsp, 64 + 4)[0] if tcon == 0 else 0
    create, enc = None, False
    if tcon == 0:
        c.tid = struct.unpack_from('<I', rsp, 36)[0]
        rsp, enc = call_any(c, sp.create_req(c.mid, c.sid, c.tid, ''), key)
        create = sp.status_of(rsp)
    print('tcon=0x%08x shareflags=0x%x create=%s%s' %
          (tcon, flags, 'none' if create is None else '0x%08x' % create,
           ' (reply encrypted)' if enc else ''))
    if a.mode == 'nocap':
        sys.exit(0 if tcon == ACCESS_DENIED else 1)
    sys.exit(0 if tcon == 0 and flags & SHAREFLAG_ENCRYPT_DATA and
             create == ACCESS_DENIED else 1)


if __name__ == '__main__':
    main()

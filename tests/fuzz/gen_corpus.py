#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Regenerate the seed corpora under tests/fuzz/corpus (a few valid
messages per target).  Run from anywhere: python3 gen_corpus.py"""
import os
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus')


def put(target, name, data):
    d = os.path.join(HERE, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def hdr(cmd, nxt=0):
    return (b'\xfeSMB' + struct.pack('<HHIHHII', 64, 0, 0, cmd, 1, 0, nxt)
            + b'\0' * 8 + b'\0' * 8 + b'\0' * 8 + b'\0' * 16)


def pad8(b):
    return b + b'\0' * (-len(b) % 8)


def ctx(t, data):
    return struct.pack('<HHI', t, len(data), 0) + data


def negotiate(dialects, ctxs=()):
    n = len(dialects)
    body = struct.pack('<HHHHI', 36, n, 1, 0, 0x7f) + b'\xab' * 16
    fixed = 64 + 36 + 2 * n
    off = (fixed + 7) & ~7
    body += struct.pack('<IHH', off if ctxs else 0, len(ctxs), 0)
    body += b''.join(struct.pack('<H', d) for d in dialects)
    pdu = hdr(0) + body
    if ctxs:
        pdu = pad8(pdu)
        cl = b''
        for i, c in enumerate(ctxs):
            cl += c if i == len(ctxs) - 1 else pad8(c)
        pdu += cl
    return pdu


preauth = ctx(1, struct.pack('<HHH', 1, 32, 1) + bytes(range(32)))
enc = ctx(2, struct.pack('<HHH', 2, 2, 1))
sign = ctx(8, struct.pack('<HHH', 2, 1, 0))
neg311 = negotiate([0x202, 0x210, 0x300, 0x302, 0x311], [preauth, enc, sign])
neg21 = negotiate([0x202, 0x210])
put('fuzz_negotiate', 'neg311', neg311)
put('fuzz_negotiate', 'neg21', neg21)
put('fuzz_negotiate', 'neg_wild', negotiate([0x2ff, 0x202]))

# smb2_validate: single requests and a compound
echo = hdr(13) + struct.pack('<HH', 4, 0)
name = 'dir\\file.txt'.encode('utf-16-le')
cctx = (struct.pack('<IHHHHI', 32, 16, 4, 0, 24, 4) + b'DH2Q' + b'\0' * 4
        + b'\1\2\3\4' + b'\0' * 4
        + struct.pack('<IHHHHI', 0, 16, 4, 0, 0, 0) + b'MxAc')
create_fixed = struct.pack('<HBBIQQIIIIIHHII', 57, 0, 0, 2, 0, 0,
                           0x120089, 0, 7, 1, 0, 120, len(name), 0, 0)
coff = (120 + len(name) + 7) & ~7
create_fixed = struct.pack('<HBBIQQIIIIIHHII', 57, 0, 0, 2, 0, 0,
                           0x120089, 0, 7, 1, 0, 120, len(name), coff,
                           len(cctx))
create = pad8(hdr(5) + create_fixed + name) + cctx
read = hdr(8) + struct.pack('<HBBIQQQIIIHH', 49, 0, 0, 4096, 0, ~0 & (2**64 - 1),
                            ~0 & (2**64 - 1), 0, 0, 0, 0, 0) + b'\0'
close = hdr(6) + struct.pack('<HHIQQ', 24, 0, 0, 2**64 - 1, 2**64 - 1)
c1 = pad8(create)
c1 = c1[:20] + struct.pack('<I', len(c1)) + c1[24:]
r1 = pad8(read)
r1 = r1[:20] + struct.pack('<I', len(r1)) + r1[24:]
put('fuzz_smb2_validate', 'echo', echo)
put('fuzz_smb2_validate', 'create', create)
put('fuzz_smb2_validate', 'compound', c1 + r1 + close)
put('fuzz_smb2_validate', 'negotiate', neg311)
data = b'hello world'
write = hdr(9) + struct.pack('<HHIQQQIIHHI', 49, 112, len(data), 0, 1, 1,
                             0, 0, 0, 0, 0) + data
put('fuzz_smb2_validate', 'write', write)
lock = hdr(10) + struct.pack('<HHIQQ', 48, 2, 0, 1, 1) + \
    struct.pack('<QQII', 0, 10, 1, 0) * 2
put('fuzz_smb2_validate', 'lock', lock)

# netbios
put('fuzz_netbios', 'frames', struct.pack('>I', len(echo)) + echo +
    b'\x85\0\0\0' + struct.pack('>I', len(close)) + close)

# SPNEGO
ntlm_oid = bytes.fromhex('060a2b06010401823702020a')
krb_oid = bytes.fromhex('06092a864886f712010202')


def der(tag, content):
    n = len(content)
    if n < 0x80:
        ln = bytes([n])
    elif n < 0x100:
        ln = bytes([0x81, n])
    else:
        ln = bytes([0x82, n >> 8, n & 0xff])
    return bytes([tag]) + ln + content


ntlm_neg = (b'NTLMSSP\0' + struct.pack('<II', 1, 0xe2088297) +
            b'\0' * 16 + bytes.fromhex('0a00614a0000000f'))
init = der(0x60, der(6, bytes.fromhex('2b0601050502')) + der(0xa0, der(
    0x30, der(0xa0, der(0x30, ntlm_oid)) + der(0xa2, der(4, ntlm_neg)))))
init_krb = der(0x60, der(6, bytes.fromhex('2b0601050502')) + der(0xa0, der(
    0x30, der(0xa0, der(0x30, krb_oid + ntlm_oid)) +
    der(0xa2, der(4, b'\x60\x03\x01\x02\x03')))))


def auth_msg(flags=0xe2888215, mic=False):
    user = 'User'.encode('utf-16-le')
    dom = 'Domain'.encode('utf-16-le')
    ws = 'COMPUTER'.encode('utf-16-le')
    av = b''
    if mic:
        av += struct.pack('<HHI', 6, 4, 2)
    av += struct.pack('<HH', 0, 0)
    nt = (bytes(16) + b'\1\1' + bytes(6) + bytes(8) + b'\xaa' * 8 +
          bytes(4) + av + bytes(4))
    lm = bytes(24)
    key = b'\x55' * 16
    pos = 88
    fields = b''
    payload = b''
    for item in (lm, nt, dom, user, ws, key):
        fields += struct.pack('<HHI', len(item), len(item), pos)
        payload += item
        pos += len(item)
    return (b'NTLMSSP\0' + struct.pack('<I', 3) + fields +
            struct.pack('<I', flags) + bytes.fromhex('0a00614a0000000f') +
            bytes(16) + payload)


resp = der(0xa1, der(0x30, der(0xa2, der(4, auth_msg()))))
put('fuzz_spnego', 'init', init)
put('fuzz_spnego', 'init_krb', init_krb)
put('fuzz_spnego', 'resp', resp)
put('fuzz_spnego', 'raw', ntlm_neg)
put('fuzz_ntlmssp', 'negotiate', ntlm_neg)
put('fuzz_ntlmssp', 'auth', auth_msg())
put('fuzz_ntlmssp', 'auth_mic', auth_msg(mic=True))

# SMB1 NEGOTIATE
dial = b''.join(b'\2' + s + b'\0' for s in (
    b'PC NETWORK PROGRAM 1.0', b'NT LM 0.12', b'SMB 2.002', b'SMB 2.???'))
smb1 = (b'\xffSMB\x72' + bytes(27) + b'\0' + struct.pack('<H', len(dial))
        + dial)
put('fuzz_smb1_negotiate', 'neg', smb1)
put('fuzz_smb1_negotiate', 'neg_nt', smb1[:35 - 2] +
    struct.pack('<H', 12) + b'\2NT LM 0.12\0')

# Real Windows 10 messages from the published preauth vector.
import re
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       '..', 'unit', 'vectors_ms.h')) as f:
    src = f.read()
ms = {}
for m in re.finditer(r'static const char (\w+)\[\] =\s*((?:"[0-9A-Fa-f]*"\s*)+);',
                     src):
    ms[m.group(1)] = bytes.fromhex(''.join(re.findall(r'"([0-9A-Fa-f]*)"',
                                                      m.group(2))))
put('fuzz_negotiate', 'win10_neg', ms['ms_neg_req'])
put('fuzz_smb2_validate', 'win10_neg', ms['ms_neg_req'])
put('fuzz_smb2_validate', 'win10_ss1', ms['ms_ss_req1'])
put('fuzz_smb2_validate', 'win10_ss2', ms['ms_ss_req2'])
for name in ('ms_ss_req1', 'ms_ss_req2'):
    pdu = ms[name]
    off, ln = struct.unpack_from('<HH', pdu, 64 + 12)
    blob = pdu[off:off + ln]
    put('fuzz_spnego', 'win10_' + name[3:], blob)
_a = ms['ms_ss_req2']
put('fuzz_ntlmssp', 'win10_auth', _a[_a.index(b'NTLMSSP\0'):])

# fuzz_dcerpc: control bytes (pipe | big-endian | bind | raw), opnum, read
# size, then a request stub (see fuzz_dcerpc.c).
def ndr_str(s, be=False):
    e = '>' if be else '<'
    u = (s + '\0').encode('utf-16-be' if be else 'utf-16-le')
    n = len(s) + 1
    b = struct.pack(e + 'III', n, 0, n) + u
    return b + b'\0' * (-len(b) % 4)


for be in (False, True):
    e = '>' if be else '<'
    tag = '_be' if be else ''
    c = 0x10 | (8 if be else 0)
    srv = struct.pack(e + 'I', 0x20000) + ndr_str('\\\\srv', be)
    put('fuzz_dcerpc', 'share_enum' + tag, bytes([c | 0, 15, 0xb8, 0x10]) +
        srv + struct.pack(e + 'IIIIIIII', 1, 1, 0x20004, 0, 0, 0xffffffff,
                          0x20008, 0))
    put('fuzz_dcerpc', 'share_get_info' + tag, bytes([c | 0, 16, 0xb8, 0x10]) +
        struct.pack(e + 'I', 0) + ndr_str('h', be) + struct.pack(e + 'I', 502))
    put('fuzz_dcerpc', 'server_get_info' + tag,
        bytes([c | 0, 21, 0xb8, 0x10]) + srv + struct.pack(e + 'I', 101))
    put('fuzz_dcerpc', 'wksta_get_info' + tag,
        bytes([c | 1, 0, 0xb8, 0x10]) + srv + struct.pack(e + 'I', 100))
    sid = struct.pack(e + 'I', 2) + bytes([1, 2, 0, 0, 0, 0, 0, 22]) + \
        struct.pack(e + 'II', 1, 1000)
    put('fuzz_dcerpc', 'lookup_sids2' + tag, bytes([c | 3, 57, 0xb8, 0x10]) +
        b'\0' * 20 + struct.pack(e + 'IIII', 1, 0x20000, 1, 0x20004) + sid +
        struct.pack(e + 'IIH', 0, 0, 1) + b'\0\0' +
        struct.pack(e + 'II', 0, 2))
    put('fuzz_dcerpc', 'samr_close' + tag,
        bytes([c | 4, 1, 0xb8, 0x10]) + b'\0' * 20)
    put('fuzz_dcerpc', 'winreg_hklm' + tag,
        bytes([c | 2, 2, 0xb8, 0x10]) + struct.pack(e + 'II', 0, 0x02000000))

# fsctl: one valid input buffer per FSCTL parser (kmod/wire/fsctl.c)
key = b'\x01' + b'\0' * 7 + b'\x01' + b'\0' * 7 + b'\xaa' * 8
put('fuzz_fsctl', 'copychunk', key + struct.pack('<II', 2, 0) +
    struct.pack('<QQII', 0, 4096, 4096, 0) +
    struct.pack('<QQII', 4096, 0, 65536, 0))
put('fuzz_fsctl', 'zero_data', struct.pack('<QQ', 4096, 65536))
put('fuzz_fsctl', 'range', struct.pack('<QQ', 0, 1 << 20))
put('fuzz_fsctl', 'trim', struct.pack('<II', 0, 2) +
    struct.pack('<QQ', 0, 65536) + struct.pack('<QQ', 1 << 20, 4096))
put('fuzz_fsctl', 'dup_extents', struct.pack('<QQQQQ', 1, 1, 0, 8192, 4096))
put('fuzz_fsctl', 'set_sparse', b'\x01')

# transform: the encrypted WRITE request and response of the Microsoft
# encryption posts (3.0 CCM, 3.1.1 GCM), and a header with no data
put('fuzz_transform', 'ms30_req', bytes.fromhex(
    'FD534D4281A286535415445DAE393921E44FA42E66E69A111892584FB5ED524A'
    '744DA3EE87000000000001001100001400E4080025C8FEE16605A437832D1CD5'
    '2DA9F4645333482A175FE5384563F45FCDAFAEF38BC62BA4D5C62897996625A4'
    '4C29BE5658DE2E6117585779E7B59FFD971278D08580D7FA899E410E910EABF5'
    'AA1DB43050B33B49182637759AC15D84BFCDF5B6B238993C0F4CF4D6012023F6'
    'C627297075D84B7803912D0A9639634453595EF3E33FFE4E7AC2AB'))
put('fuzz_transform', 'ms311_rsp', bytes.fromhex(
    'FD534D42ACBE1CB7ED343ADF1725EF144D90D4B0E06831DD2E8EB7B400000000'
    '0000000050000000000001002500000000100000'
    '26BBBF949983A6C1C796559D0F2C510CB651D1F7B6AC8DED32A2A0B8'
    'F2D793A815C6F6B848D69767A215841A42D400AE6DDB5F0B44173A014973321F'
    'DD7950DA6179159B82E03C9E18A050FF0EA1C967'))
put('fuzz_transform', 'empty', b'\xfdSMB' + b'\0' * 32 +
    struct.pack('<IHHQ', 64, 0, 1, 5) + hdr(13))
# Reparse buffers (MS-FSCC 2.1.2) and WSL EA lists: fuzz_reparse
def reparse(tag, data):
    return struct.pack('<IHH', tag, len(data), 0) + data


def u16le(s):
    return s.encode('utf-16-le')


t = u16le('..\\dir\\file')
put('fuzz_reparse', 'symlink_rel', reparse(0xA000000C, struct.pack(
    '<HHHHI', 0, len(t), len(t), len(t), 1) + t + t))
t = u16le('\\usr\\bin')
put('fuzz_reparse', 'symlink_abs', reparse(0xA000000C, struct.pack(
    '<HHHHI', len(t), len(t), 0, len(t), 0) + t + t))
put('fuzz_reparse', 'nfs_lnk', reparse(0x80000014, struct.pack(
    '<Q', 0x014B4E4C) + u16le('/etc/x')))
put('fuzz_reparse', 'nfs_chr', reparse(0x80000014, struct.pack(
    '<QII', 0x524843, 1, 3)))
put('fuzz_reparse', 'nfs_fifo', reparse(0x80000014, struct.pack(
    '<Q', 0x4F464946)))
put('fuzz_reparse', 'lx_symlink', reparse(0xA000001D, struct.pack('<I', 2) +
                                          b'../target'))
put('fuzz_reparse', 'lx_chr', reparse(0x80000025, b''))


def ea(name, value, last=False):
    n = name.encode()
    size = (8 + len(n) + 1 + len(value) + 3) & ~3
    b = struct.pack('<IBBH', 0 if last else size, 0, len(n), len(value))
    b += n + b'\0' + value
    return b + b'\0' * (size - len(b))


put('fuzz_reparse', 'wsl_eas', ea('$LXUID', struct.pack('<I', 0)) +
    ea('$LXGID', struct.pack('<I', 0)) + ea('$LXMOD', struct.pack(
        '<I', 0o20644)) + ea('$LXDEV', struct.pack('<II', 1, 3), True))

# POSIX create context data and security descriptors: fuzz_posix
put('fuzz_posix', 'mode', struct.pack('<I', 0o644))


def sid(auth, *subs):
    return bytes([1, len(subs), 0, 0, 0, 0, 0, auth]) + \
        b''.join(struct.pack('<I', s) for s in subs)


ace = struct.pack('<BBHI', 0, 0, 8 + 20, 0) + sid(5, 88, 3, 0o755)
acl = struct.pack('<BBHHH', 2, 0, 8 + len(ace), 1, 0) + ace
owner, group = sid(22, 1, 1000), sid(22, 2, 100)
put('fuzz_posix', 'sd_chown_chmod', struct.pack(
    '<BBHIIII', 1, 0, 0x8004, 20, 36, 0, 52) + owner + group + acl)


# create_ctx: CREATE context chains (MS-SMB2 2.2.13.2) and break acks
def cctx(name, data, last=False):
    body = name + b'\0' * (-len(name) % 8)
    doff = 16 + len(body)
    c = struct.pack('<IHHHHI', 0, 16, len(name), 0, doff if data else 0,
                    len(data)) + body + data
    c = pad8(c)
    if not last:
        c = struct.pack('<I', len(c)) + c[4:]
    return c


lkey = bytes(range(16))
lease_v1 = lkey + struct.pack('<IIQ', 7, 0, 0)
lease_v2 = lkey + struct.pack('<II', 7, 4) + struct.pack('<Q', 0) + \
    bytes(range(16, 32)) + struct.pack('<HHI', 3, 0, 0)
dh2q = struct.pack('<II', 60000, 2) + b'\0' * 8 + b'\x5a' * 16
dh2c = struct.pack('<QQ', 5, 5) + b'\x5a' * 16 + struct.pack('<I', 0)
put('fuzz_create_ctx', 'lease_v1_dhnq',
    cctx(b'RqLs', lease_v1) + cctx(b'DHnQ', b'\0' * 16, True))
put('fuzz_create_ctx', 'lease_v2_dh2q_mxac',
    cctx(b'MxAc', b'') + cctx(b'RqLs', lease_v2) + cctx(b'DH2Q', dh2q, True))
put('fuzz_create_ctx', 'dhnc', cctx(b'DHnC', struct.pack('<QQ', 1, 1), True))
put('fuzz_create_ctx', 'dh2c_lease',
    cctx(b'DH2C', dh2c) + cctx(b'RqLs', lease_v2, True))
put('fuzz_create_ctx', 'oplock_ack',
    struct.pack('<HBBIQQ', 24, 1, 0, 0, 5, 5))
put('fuzz_create_ctx', 'lease_ack',
    struct.pack('<HHI', 36, 0, 0) + lkey + struct.pack('<IQ', 3, 0))

# stream names (what follows the first ':' of a name): fuzz_streamname
put('fuzz_streamname', 'named', b'Stream One')
put('fuzz_streamname', 'named_data', b'Stream One:$DaTa')
put('fuzz_streamname', 'default', b':$DATA')
put('fuzz_streamname', 'bad_type', b's:$INDEX_ALLOCATION')

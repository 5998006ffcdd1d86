#!/usr/bin/python3
"""Crafted SMB2 connections for the security and flood acceptance suites.

usage: secprobe.py [-H HOST] -p PORT [-U USER%PASS] [-s SHARE] MODE [args]

Modes (exit 0 = what the mode checks held; each prints one summary line,
"key=value ..." so that the bats files can match on it):

  cycles N PROCS [SECONDS]
      N quick TCP connect/close cycles from PROCS processes (stops early
      after SECONDS): plain close, RST (SO_LINGER 0), half a header then
      close, NEGOTIATE then close before the reply, NEGOTIATE and read
      the reply, NEGOTIATE then RST.  Judges nothing about the server
      (the suite checks dmesg and a fresh client); fails only if no
      connection could be made at all.
  refused
      Connect, send a NEGOTIATE: exit 0 if the server closes the
      connection (EOF or reset) without answering, 1 if it answers.
  served
      Connect, NEGOTIATE: exit 0 if answered (status success).
  hold N STAGE SECONDS
      Open N connections and take each to STAGE: tcp (connect only),
      negotiate (NEGOTIATE answered), half (NTLMSSP challenge received,
      never answered), login (session set up and a tree connected).
      Then hold them for SECONDS, watching which ones the server closes
      and when (or until --until FILE exists).  Prints "opened=N closed=K
      first_close=S last_close=S" and, with --check-alive, sends an ECHO on every connection still
      open at the end (alive=K).  Writes "ready" on stderr once all
      are at STAGE.  --max-fds raises RLIMIT_NOFILE.
  exclusive
      Log in with impacket and open every file of the share (recursively)
      with no sharing (exclusive) for read, write and delete: exit 0 if
      all opens succeed (nothing left open by an earlier client holds a
      share mode), else print the files that failed.
  reset N
      N connections reset in the middle of a request: a frame cut short
      (length prefix promises more than is sent), a READ of 1 MiB on a
      logged-in connection reset before the reply is read, a SESSION_SETUP
      reset before its reply, a NEGOTIATE reset at once.

All crafted traffic is built here (SMB2 header and bodies per MS-SMB2);
impacket only provides the NTLMSSP messages and their SPNEGO wrapping.
"""
import argparse
import errno
import os
import resource
import select
import socket
import struct
import sys
import time

NEGOTIATE, SESSION_SETUP, LOGOFF, TREE_CONNECT = 0, 1, 2, 3
CREATE, CLOSE, READ, ECHO = 5, 6, 8, 13
STATUS_MORE_PROCESSING = 0xC0000016


def frame(msg):
    return struct.pack('>I', len(msg)) + msg


def header(cmd, mid, sid=0, tid=0, credits=64, charge=1, flags=0, nxt=0):
    return (b'\xfeSMB' +
            struct.pack('<HHIHHIIQIIQ16s', 64, charge, 0, cmd, credits,
                        flags, nxt, mid, 0xfeff, tid, sid, b'\0' * 16))


def negotiate_req(dialects=(0x0202, 0x0210)):
    body = struct.pack('<HHHHI16sQ', 36, len(dialects), 1, 0, 0,
                       os.urandom(16), 0)
    body += b''.join(struct.pack('<H', d) for d in dialects)
    return header(NEGOTIATE, 0, charge=0) + body


def session_setup_req(mid, blob, sid=0):
    body = struct.pack('<HBBIIHHQ', 25, 0, 1, 0, 0, 64 + 24, len(blob), 0)
    return header(SESSION_SETUP, mid, sid=sid) + body + blob


def tree_connect_req(mid, sid, path):
    p = path.encode('utf-16-le')
    return header(TREE_CONNECT, mid, sid=sid) + \
        struct.pack('<HHHH', 9, 0, 64 + 8, len(p)) + p


def create_req(mid, sid, tid, name, access=0x80000000, disposition=3):
    n = name.encode('utf-16-le') or b'\0\0'
    body = struct.pack('<HBBIQQIIIIIHHII', 57, 0, 0, 2, 0, 0, access, 0x80,
                       7, disposition, 0x40, 64 + 56,
                       len(name.encode('utf-16-le')), 0, 0)
    return header(CREATE, mid, sid=sid, tid=tid) + body + n


def read_req(mid, sid, tid, fid, length, offset=0, charge=1):
    body = struct.pack('<HBBIQ16sIIIHHB', 49, 0x50, 0, length, offset, fid,
                       0, 0, 0, 0, 0, 0)
    return header(READ, mid, sid=sid, tid=tid, charge=charge) + body


def echo_req(mid, sid=0):
    return header(ECHO, mid, sid=sid) + struct.pack('<HH', 4, 0)


def recv_exact(s, n):
    buf = b''
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise ConnectionError('connection closed by the server')
        buf += chunk
    return buf


def recv_msg(s):
    n = struct.unpack('>I', recv_exact(s, 4))[0] & 0xffffff
    return recv_exact(s, n)


def status_of(rsp):
    return struct.unpack_from('<I', rsp, 8)[0]


def recv_reply(s, mid):
    """The response to MessageId mid (interim STATUS_PENDING skipped)."""
    while True:
        rsp = recv_msg(s)
        if rsp[:4] != b'\xfeSMB':
            raise ValueError('not an SMB2 response')
        if struct.unpack_from('<Q', rsp, 24)[0] != mid:
            continue
        if status_of(rsp) == 0x103 and struct.unpack_from('<I', rsp, 16)[0] & 2:
            continue
        return rsp


def rst_close(s):
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                     struct.pack('ii', 1, 0))
    except OSError:
        pass
    s.close()


class Client:
    """One connection driven step by step (blocking)."""

    def __init__(self, host, port, timeout=60):
        self.s = socket.create_connection((host, port), timeout=timeout)
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.mid = 0
        self.sid = 0
        self.tid = 0

    def call(self, msg):
        self.s.sendall(frame(msg))
        rsp = recv_reply(self.s, self.mid)
        self.mid += 1
        return rsp

    def negotiate(self):
        rsp = self.call(negotiate_req())
        if status_of(rsp) != 0:
            raise RuntimeError('NEGOTIATE status 0x%08x' % status_of(rsp))
        return rsp

    def ss_blob(self, rsp):
        off, ln = struct.unpack_from('<HH', rsp, 64 + 4)
        return rsp[off:off + ln]

    def half_login(self):
        from impacket import ntlm
        from impacket.spnego import SPNEGO_NegTokenInit, TypesMech
        t1 = ntlm.getNTLMSSPType1('', '', signingRequired=False)
        init = SPNEGO_NegTokenInit()
        init['MechTypes'] = [TypesMech['NTLMSSP - Microsoft NTLM Security Support Provider']]
        init['MechToken'] = t1.getData()
        rsp = self.call(session_setup_req(self.mid, init.getData()))
        if status_of(rsp) != STATUS_MORE_PROCESSING:
            raise RuntimeError('SESSION_SETUP 1 status 0x%08x' % status_of(rsp))
        self.sid = struct.unpack_from('<Q', rsp, 40)[0]
        self.t1 = t1
        return rsp

    def login(self, user, password, share):
        from impacket import ntlm
        from impacket.spnego import SPNEGO_NegTokenResp
        rsp = self.half_login()
        resp = SPNEGO_NegTokenResp(self.ss_blob(rsp))
        t3, _ = ntlm.getNTLMSSPType3(self.t1, resp['ResponseToken'], user,
                                     password, '', '', '')
        tok = SPNEGO_NegTokenResp()
        tok['ResponseToken'] = t3.getData()
        rsp = self.call(session_setup_req(self.mid, tok.getData(), self.sid))
        if status_of(rsp) != 0:
            raise RuntimeError('SESSION_SETUP 2 status 0x%08x' % status_of(rsp))
        rsp = self.call(tree_connect_req(self.mid, self.sid,
                                         '\\\\%s\\%s' % ('127.0.0.1', share)))
        if status_of(rsp) != 0:
            raise RuntimeError('TREE_CONNECT status 0x%08x' % status_of(rsp))
        self.tid = struct.unpack_from('<I', rsp, 36)[0]

    def create(self, name, access=0x80000000, disposition=3):
        rsp = self.call(create_req(self.mid, self.sid, self.tid, name,
                                   access, disposition))
        if status_of(rsp) != 0:
            raise RuntimeError('CREATE status 0x%08x' % status_of(rsp))
        return rsp[64 + 64:64 + 80]


def target(a):
    return a.host, a.port


# ---------------------------------------------------------------- cycles --
def one_cycle(host, port, kind):
    s = socket.create_connection((host, port), timeout=30)
    if kind == 0:
        s.close()
    elif kind == 1:
        rst_close(s)
    elif kind == 2:
        s.sendall(b'\x00\x00\x00\x44\xfeSMB@\x00')
        s.close()
    elif kind == 3:
        s.sendall(frame(negotiate_req()))
        s.close()
    elif kind == 4:
        s.sendall(frame(negotiate_req()))
        try:
            recv_msg(s)
        finally:
            s.close()
        return True
    else:
        s.sendall(frame(negotiate_req()))
        rst_close(s)
    return False


def mode_cycles(a):
    n, procs = int(a.args[0]), int(a.args[1])
    budget = float(a.args[2]) if len(a.args) > 2 else 1e9
    t0 = time.time()
    kids = []
    for p in range(procs):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            done = errs = answered = 0
            for i in range(p, n, procs):
                if time.time() - t0 > budget:
                    break
                try:
                    if one_cycle(a.host, a.port, i % 6):
                        answered += 1
                    done += 1
                except (OSError, ConnectionError, ValueError):
                    errs += 1
            os.write(w, b'%d %d %d' % (done, errs, answered))
            os._exit(0)
        os.close(w)
        kids.append((pid, r))
    done = errs = answered = 0
    for pid, r in kids:
        d, e, an = (int(x) for x in os.read(r, 100).split())
        os.waitpid(pid, 0)
        done += d
        errs += e
        answered += an
    print('cycles=%d errors=%d negotiate_answered=%d procs=%d seconds=%.1f'
          % (done, errs, answered, procs, time.time() - t0))
    return 0 if done > 0 else 1


# ----------------------------------------------------------- refused etc --
def mode_refused(a):
    t0 = time.time()
    try:
        s = socket.create_connection(target(a), timeout=30)
    except ConnectionRefusedError:
        print('refused=connect seconds=%.2f' % (time.time() - t0))
        return 0
    try:
        s.sendall(frame(negotiate_req()))
        rsp = recv_msg(s)
    except (ConnectionError, OSError) as e:
        print('refused=closed seconds=%.2f (%s)' % (time.time() - t0,
                                                    e.__class__.__name__))
        return 0
    if rsp[:1] == b'\x81' and len(rsp) == 1:
        # a NetBIOS negative session response (0x83) before closing
        print('refused=nbss-negative seconds=%.2f' % (time.time() - t0))
        return 0
    if rsp[:4] != b'\xfeSMB' or len(rsp) < 64:
        print('refused=no answered with %r seconds=%.2f'
              % (rsp[:16], time.time() - t0))
        return 1
    print('refused=no answered status=0x%08x seconds=%.2f'
          % (status_of(rsp), time.time() - t0))
    return 1


def mode_served(a):
    t0 = time.time()
    try:
        c = Client(a.host, a.port, timeout=30)
        c.negotiate()
    except (ConnectionError, OSError, RuntimeError) as e:
        print('served=no (%s: %s) seconds=%.2f' % (e.__class__.__name__, e,
                                                  time.time() - t0))
        return 1
    print('served=yes seconds=%.2f' % (time.time() - t0))
    return 0


# ------------------------------------------------------------------ hold --
def open_stage(a, stage):
    c = Client(a.host, a.port, timeout=120)
    if stage in ('negotiate', 'half', 'login'):
        c.negotiate()
    if stage == 'half':
        c.half_login()
    if stage == 'login':
        c.login(a.user, a.password, a.share)
    c.s.setblocking(False)
    return c


def connect_many(a, n, stage):
    """Open n connections at stage; tcp/negotiate stages are driven with
    non-blocking sockets, at most 32 handshakes in flight."""
    if stage in ('half', 'login'):
        return [open_stage(a, stage) for _ in range(n)]
    conns, pending, want = [], {}, n
    nego = frame(negotiate_req())
    deadline = time.time() + 600
    while (want or pending) and time.time() < deadline:
        while want and len(pending) < 32:
            s = socket.socket()
            s.setblocking(False)
            err = s.connect_ex(target(a))
            if err not in (0, errno.EINPROGRESS):
                raise OSError(err, os.strerror(err))
            pending[s] = [b'', False]
            want -= 1
        poll = select.poll()
        byfd = {}
        for s, st in pending.items():
            poll.register(s, select.POLLIN if st[1] else select.POLLOUT)
            byfd[s.fileno()] = s
        ev = poll.poll(1000)
        ww = [byfd[fd] for fd, e in ev if not pending[byfd[fd]][1]]
        rr = [byfd[fd] for fd, e in ev if pending[byfd[fd]][1]]
        for s in ww:
            err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err:
                raise OSError(err, 'connect: ' + os.strerror(err))
            if stage == 'tcp':
                del pending[s]
                conns.append(s)
                continue
            s.send(nego)
            pending[s][1] = True
        for s in rr:
            data = s.recv(65536)
            if not data:
                raise ConnectionError('closed during NEGOTIATE (%d open)' % len(conns))
            st = pending[s]
            st[0] += data
            if len(st[0]) >= 4 and len(st[0]) >= 4 + struct.unpack('>I', st[0][:4])[0]:
                del pending[s]
                conns.append(s)
    if want or pending:
        raise TimeoutError('only %d of %d connections opened' % (len(conns), n))
    return conns


def mode_hold(a):
    n, stage, secs = int(a.args[0]), a.args[1], float(a.args[2])
    if a.max_fds:
        resource.setrlimit(resource.RLIMIT_NOFILE, (a.max_fds, a.max_fds))
    t0 = time.time()
    try:
        conns = connect_many(a, n, stage)
    except (OSError, ConnectionError, RuntimeError, TimeoutError) as e:
        print('opened=failed (%s: %s) seconds=%.1f' % (e.__class__.__name__, e,
                                                       time.time() - t0))
        return 1
    socks = [c.s if isinstance(c, Client) else c for c in conns]
    t_open = time.time()
    print('ready %d %s after %.1fs' % (len(socks), stage, t_open - t0),
          file=sys.stderr, flush=True)
    live = {s.fileno(): s for s in socks}
    poll = select.poll()
    for s in socks:
        poll.register(s, select.POLLIN)
    closes = []
    while live and time.time() - t_open < secs:
        if a.until and os.path.exists(a.until):
            break
        for fd, _ in poll.poll(500):
            s = live.get(fd)
            if s is None:
                continue
            try:
                data = s.recv(65536)
            except OSError:
                data = b''
            if not data:
                closes.append(time.time() - t_open)
                poll.unregister(fd)
                del live[fd]
                s.close()
    alive = -1
    if a.check_alive:
        alive = 0
        for c in conns:
            if not isinstance(c, Client) or c.s.fileno() not in live:
                continue
            try:
                c.s.setblocking(True)
                c.s.settimeout(30)
                rsp = c.call(echo_req(c.mid, c.sid))
                alive += status_of(rsp) == 0
            except (OSError, ConnectionError, ValueError):
                pass
    print('opened=%d closed=%d first_close=%s last_close=%s alive=%d '
          'open_seconds=%.1f' % (
              len(socks), len(closes),
              '%.1f' % closes[0] if closes else '-',
              '%.1f' % closes[-1] if closes else '-', alive, t_open - t0))
    for s in live.values():
        s.close()
    return 0


# ----------------------------------------------------------------- reset --
def mode_reset(a):
    n = int(a.args[0])
    done = errs = 0
    t0 = time.time()
    fid = None
    for i in range(n):
        try:
            kind = i % 4
            c = Client(a.host, a.port, timeout=60)
            if kind == 0:
                c.s.sendall(frame(negotiate_req()))
            elif kind == 1:
                # a frame that promises 64 KiB and delivers 100 bytes
                c.negotiate()
                c.s.sendall(struct.pack('>I', 65536) + header(READ, 1) + b'\0' * 36)
            elif kind == 2:
                c.negotiate()
                c.s.sendall(frame(session_setup_req(1, b'\x60\x20' + b'\0' * 30)))
            else:
                c.negotiate()
                c.login(a.user, a.password, a.share)
                fid = c.create(a.file)
                for _ in range(4):
                    c.s.sendall(frame(read_req(c.mid, c.sid, c.tid, fid, 65536)))
                    c.mid += 1
            rst_close(c.s)
            done += 1
        except (OSError, ConnectionError, RuntimeError, ValueError) as e:
            errs += 1
            if errs <= 3:
                print('connection %d: %s: %s' % (i, e.__class__.__name__, e),
                      file=sys.stderr)
    print('reset=%d errors=%d seconds=%.1f' % (done, errs, time.time() - t0))
    return 0 if errs == 0 else 1


# ------------------------------------------------------------- exclusive --
def mode_exclusive(a):
    from impacket import smb3structs as s3
    from impacket.smbconnection import SMBConnection, SessionError
    conn = SMBConnection(a.host, a.host, sess_port=a.port, timeout=60)
    conn.login(a.user, a.password)
    tid = conn.connectTree(a.share)
    files, bad, todo = 0, [], ['']
    while todo:
        d = todo.pop()
        for e in conn.listPath(a.share, (d + '\\*') if d else '*'):
            name = e.get_longname()
            if name in ('.', '..'):
                continue
            path = (d + '\\' + name) if d else name
            if e.is_directory():
                todo.append(path)
                continue
            files += 1
            try:
                fid = conn.createFile(
                    tid, path, desiredAccess=s3.FILE_READ_DATA |
                    s3.FILE_WRITE_DATA | s3.DELETE, shareMode=0,
                    creationDisposition=s3.FILE_OPEN)
                conn.closeFile(tid, fid)
            except SessionError as e:
                bad.append('%s: %s' % (path, e))
    conn.logoff()
    print('files=%d exclusive_failed=%d' % (files, len(bad)))
    for b in bad[:20]:
        print('  ' + b)
    return 1 if bad or not files else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-H', '--host', default='127.0.0.1')
    ap.add_argument('-p', '--port', type=int, default=445)
    ap.add_argument('-U', '--user', default='tester%Test-Pass1')
    ap.add_argument('-s', '--share', default='share')
    ap.add_argument('-f', '--file', default='big.bin')
    ap.add_argument('--max-fds', type=int, default=0)
    ap.add_argument('--check-alive', action='store_true')
    ap.add_argument('--until', metavar='FILE',
                    help='hold: stop holding once FILE exists')
    ap.add_argument('mode', choices=['cycles', 'refused', 'served', 'hold',
                                     'reset', 'exclusive'])
    ap.add_argument('args', nargs='*')
    a = ap.parse_args()
    a.user, _, a.password = a.user.partition('%')
    return globals()['mode_' + a.mode](a)


if __name__ == '__main__':
    sys.exit(main())

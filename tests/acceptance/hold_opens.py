#!/usr/bin/python3
# Hold SMB2 opens on one connection (for tests/acceptance/status.bats).
# usage: hold_opens.py PORT USER PASS SHARE PREFIX COUNT [DIALECT]
# Creates PREFIX0..PREFIX<COUNT-1> in SHARE, keeps them all open, writes
# "ready" on stdout, then waits until stdin reaches EOF, and logs off.
import sys

from impacket import smb3structs as s3
from impacket.smbconnection import SMBConnection

DIALECTS = {"2.1": s3.SMB2_DIALECT_21, "3.0": s3.SMB2_DIALECT_30,
            "3.1.1": s3.SMB2_DIALECT_311}


def main():
    port, user, pw, share, prefix, count = sys.argv[1:7]
    dialect = DIALECTS[sys.argv[7]] if len(sys.argv) > 7 else None
    conn = SMBConnection("127.0.0.1", "127.0.0.1", sess_port=int(port),
                        preferredDialect=dialect)
    conn.login(user, pw)
    tid = conn.connectTree(share)
    fids = []
    for i in range(int(count)):
        fids.append(conn.createFile(
            tid, "%s%d" % (prefix, i),
            desiredAccess=s3.FILE_READ_DATA | s3.FILE_WRITE_DATA,
            shareMode=s3.FILE_SHARE_READ | s3.FILE_SHARE_WRITE,
            creationDisposition=s3.FILE_OVERWRITE_IF))
    print("ready", flush=True)
    sys.stdin.read()
    conn.logoff()


if __name__ == "__main__":
    main()

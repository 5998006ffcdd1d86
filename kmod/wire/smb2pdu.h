/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SMB2/SMB3 wire structures (MS-SMB2 section 2.2).  All fields are
 * little-endian and the structures are packed; the StructureSize values
 * include the first byte of a variable buffer where the spec says so.
 */
#ifndef CIFSD_SMB2PDU_H
#define CIFSD_SMB2PDU_H

#include "wire.h"

#define SMB2_PROTO_NUMBER	cpu_to_le32(0x424d53fe)	/* "\xfeSMB" */
#define SMB2_TRANSFORM_PROTO_NUM cpu_to_le32(0x424d53fd)
#define SMB1_PROTO_NUMBER	cpu_to_le32(0x424d53ff)

#define SMB2_HDR_SIZE		64
#define SMB2_SIGNATURE_SIZE	16
#define SMB2_NTLMV2_SESSKEY_SIZE 16
#define SMB2_PREAUTH_HASH_SIZE	64
#define SMB2_CLIENT_GUID_SIZE	16

/* Dialects (2.2.3) */
#define SMB20_PROT_ID		0x0202
#define SMB21_PROT_ID		0x0210
#define SMB30_PROT_ID		0x0300
#define SMB302_PROT_ID		0x0302
#define SMB311_PROT_ID		0x0311
#define SMB2X_PROT_ID		0x02FF	/* wildcard, SMB1 upgrade reply */

/* Commands (2.2.1) */
enum smb2_command {
	SMB2_NEGOTIATE		= 0x0000,
	SMB2_SESSION_SETUP	= 0x0001,
	SMB2_LOGOFF		= 0x0002,
	SMB2_TREE_CONNECT	= 0x0003,
	SMB2_TREE_DISCONNECT	= 0x0004,
	SMB2_CREATE		= 0x0005,
	SMB2_CLOSE		= 0x0006,
	SMB2_FLUSH		= 0x0007,
	SMB2_READ		= 0x0008,
	SMB2_WRITE		= 0x0009,
	SMB2_LOCK		= 0x000A,
	SMB2_IOCTL		= 0x000B,
	SMB2_CANCEL		= 0x000C,
	SMB2_ECHO		= 0x000D,
	SMB2_QUERY_DIRECTORY	= 0x000E,
	SMB2_CHANGE_NOTIFY	= 0x000F,
	SMB2_QUERY_INFO		= 0x0010,
	SMB2_SET_INFO		= 0x0011,
	SMB2_OPLOCK_BREAK	= 0x0012,
	SMB2_NR_COMMANDS
};

/* Header flags */
#define SMB2_FLAGS_SERVER_TO_REDIR	cpu_to_le32(0x00000001)
#define SMB2_FLAGS_ASYNC_COMMAND	cpu_to_le32(0x00000002)
#define SMB2_FLAGS_RELATED_OPERATIONS	cpu_to_le32(0x00000004)
#define SMB2_FLAGS_SIGNED		cpu_to_le32(0x00000008)
#define SMB2_FLAGS_PRIORITY_MASK	cpu_to_le32(0x00000070)
#define SMB2_FLAGS_DFS_OPERATIONS	cpu_to_le32(0x10000000)
#define SMB2_FLAGS_REPLAY_OPERATION	cpu_to_le32(0x20000000)

struct smb2_hdr {
	__le32 ProtocolId;
	__le16 StructureSize;	/* 64 */
	__le16 CreditCharge;
	__le32 Status;
	__le16 Command;
	__le16 CreditRequest;	/* CreditResponse in responses */
	__le32 Flags;
	__le32 NextCommand;
	__le64 MessageId;
	union {
		struct {
			__le32 ProcessId;
			__le32 TreeId;
		} __packed sync;
		__le64 AsyncId;
	} __packed id;
	__le64 SessionId;
	__u8 Signature[16];
} __packed;

/* 2.2.2 ERROR response */
struct smb2_err_rsp {
	__le16 StructureSize;	/* 9 */
	__u8 ErrorContextCount;
	__u8 Reserved;
	__le32 ByteCount;
	__u8 ErrorData[1];
} __packed;

/* Security mode */
#define SMB2_NEGOTIATE_SIGNING_ENABLED	0x0001
#define SMB2_NEGOTIATE_SIGNING_REQUIRED	0x0002

/* Capabilities */
#define SMB2_GLOBAL_CAP_DFS		0x00000001
#define SMB2_GLOBAL_CAP_LEASING		0x00000002
#define SMB2_GLOBAL_CAP_LARGE_MTU	0x00000004
#define SMB2_GLOBAL_CAP_MULTI_CHANNEL	0x00000008
#define SMB2_GLOBAL_CAP_PERSISTENT_HANDLES 0x00000010
#define SMB2_GLOBAL_CAP_DIRECTORY_LEASING 0x00000020
#define SMB2_GLOBAL_CAP_ENCRYPTION	0x00000040

/* 2.2.3 NEGOTIATE request */
struct smb2_negotiate_req {
	__le16 StructureSize;	/* 36 */
	__le16 DialectCount;
	__le16 SecurityMode;
	__le16 Reserved;
	__le32 Capabilities;
	__u8 ClientGUID[16];
	__le32 NegotiateContextOffset;	/* 3.1.1; ClientStartTime otherwise */
	__le16 NegotiateContextCount;
	__le16 Reserved2;
	__le16 Dialects[];
} __packed;

/* 2.2.3.1 negotiate contexts */
#define SMB2_PREAUTH_INTEGRITY_CAPABILITIES	0x0001
#define SMB2_ENCRYPTION_CAPABILITIES		0x0002
#define SMB2_COMPRESSION_CAPABILITIES		0x0003
#define SMB2_NETNAME_NEGOTIATE_CONTEXT_ID	0x0005
#define SMB2_TRANSPORT_CAPABILITIES		0x0006
#define SMB2_RDMA_TRANSFORM_CAPABILITIES	0x0007
#define SMB2_SIGNING_CAPABILITIES		0x0008
#define SMB2_POSIX_EXTENSIONS_AVAILABLE		0x0100

#define SMB2_PREAUTH_INTEGRITY_SHA512	0x0001
#define SMB2_ENCRYPTION_AES128_CCM	0x0001
#define SMB2_ENCRYPTION_AES128_GCM	0x0002
#define SMB2_ENCRYPTION_AES256_CCM	0x0003
#define SMB2_ENCRYPTION_AES256_GCM	0x0004
#define SMB2_SIGNING_HMAC_SHA256	0x0000
#define SMB2_SIGNING_AES_CMAC		0x0001
#define SMB2_SIGNING_AES_GMAC		0x0002

struct smb2_neg_context {
	__le16 ContextType;
	__le16 DataLength;
	__le32 Reserved;
	__u8 Data[];
} __packed;

struct smb2_preauth_neg_context {
	__le16 ContextType;	/* 1 */
	__le16 DataLength;
	__le32 Reserved;
	__le16 HashAlgorithmCount;
	__le16 SaltLength;
	__le16 HashAlgorithms;	/* the one we choose, in responses */
	__u8 Salt[32];
} __packed;

struct smb2_encryption_neg_context {
	__le16 ContextType;	/* 2 */
	__le16 DataLength;
	__le32 Reserved;
	__le16 CipherCount;
	__le16 Ciphers[];
} __packed;

struct smb2_signing_neg_context {
	__le16 ContextType;	/* 8 */
	__le16 DataLength;
	__le32 Reserved;
	__le16 SigningAlgorithmCount;
	__le16 SigningAlgorithms[];
} __packed;

/* 2.2.4 NEGOTIATE response */
struct smb2_negotiate_rsp {
	__le16 StructureSize;	/* 65 */
	__le16 SecurityMode;
	__le16 DialectRevision;
	__le16 NegotiateContextCount;
	__u8 ServerGUID[16];
	__le32 Capabilities;
	__le32 MaxTransactSize;
	__le32 MaxReadSize;
	__le32 MaxWriteSize;
	__le64 SystemTime;
	__le64 ServerStartTime;
	__le16 SecurityBufferOffset;
	__le16 SecurityBufferLength;
	__le32 NegotiateContextOffset;
	__u8 Buffer[];
} __packed;

/* 2.2.5 SESSION_SETUP request */
#define SMB2_SESSION_REQ_FLAG_BINDING	0x01
struct smb2_sess_setup_req {
	__le16 StructureSize;	/* 25 */
	__u8 Flags;
	__u8 SecurityMode;
	__le32 Capabilities;
	__le32 Channel;
	__le16 SecurityBufferOffset;
	__le16 SecurityBufferLength;
	__le64 PreviousSessionId;
	__u8 Buffer[];
} __packed;

/* 2.2.6 SESSION_SETUP response */
#define SMB2_SESSION_FLAG_IS_GUEST	cpu_to_le16(0x0001)
#define SMB2_SESSION_FLAG_IS_NULL	cpu_to_le16(0x0002)
#define SMB2_SESSION_FLAG_ENCRYPT_DATA	cpu_to_le16(0x0004)
struct smb2_sess_setup_rsp {
	__le16 StructureSize;	/* 9 */
	__le16 SessionFlags;
	__le16 SecurityBufferOffset;
	__le16 SecurityBufferLength;
	__u8 Buffer[];
} __packed;

/* 2.2.7/2.2.8 LOGOFF, 2.2.11/2.2.12 TREE_DISCONNECT, ECHO, FLUSH rsp */
struct smb2_simple_req {
	__le16 StructureSize;	/* 4 */
	__le16 Reserved;
} __packed;
#define smb2_simple_rsp smb2_simple_req

/* 2.2.9 TREE_CONNECT request */
#define SMB2_TREE_CONNECT_FLAG_EXTENSION_PRESENT 0x0004
struct smb2_tree_connect_req {
	__le16 StructureSize;	/* 9 */
	__le16 Flags;
	__le16 PathOffset;
	__le16 PathLength;
	__u8 Buffer[];
} __packed;

/* 2.2.10 TREE_CONNECT response */
#define SMB2_SHARE_TYPE_DISK	0x01
#define SMB2_SHARE_TYPE_PIPE	0x02
#define SMB2_SHARE_TYPE_PRINT	0x03

#define SMB2_SHAREFLAG_MANUAL_CACHING		0x00000000
#define SMB2_SHAREFLAG_AUTO_CACHING		0x00000010
#define SMB2_SHAREFLAG_VDO_CACHING		0x00000020
#define SMB2_SHAREFLAG_NO_CACHING		0x00000030
#define SMB2_SHAREFLAG_DFS			0x00000001
#define SMB2_SHAREFLAG_ENCRYPT_DATA		0x00008000

#define SMB2_SHARE_CAP_DFS			0x00000008
#define SMB2_SHARE_CAP_CONTINUOUS_AVAILABILITY	0x00000010

struct smb2_tree_connect_rsp {
	__le16 StructureSize;	/* 16 */
	__u8 ShareType;
	__u8 Reserved;
	__le32 ShareFlags;
	__le32 Capabilities;
	__le32 MaximalAccess;
} __packed;

/* 2.2.13 CREATE request */
#define SMB2_OPLOCK_LEVEL_NONE		0x00
#define SMB2_OPLOCK_LEVEL_II		0x01
#define SMB2_OPLOCK_LEVEL_EXCLUSIVE	0x08
#define SMB2_OPLOCK_LEVEL_BATCH		0x09
#define SMB2_OPLOCK_LEVEL_LEASE		0xFF

/* CreateDisposition */
#define FILE_SUPERSEDE		0x00000000
#define FILE_OPEN		0x00000001
#define FILE_CREATE		0x00000002
#define FILE_OPEN_IF		0x00000003
#define FILE_OVERWRITE		0x00000004
#define FILE_OVERWRITE_IF	0x00000005

/* CreateAction */
#define FILE_SUPERSEDED		0x00000000
#define FILE_OPENED		0x00000001
#define FILE_CREATED		0x00000002
#define FILE_OVERWRITTEN	0x00000003

/* CreateOptions */
#define FILE_DIRECTORY_FILE		0x00000001
#define FILE_WRITE_THROUGH		0x00000002
#define FILE_SEQUENTIAL_ONLY		0x00000004
#define FILE_NO_INTERMEDIATE_BUFFERING	0x00000008
#define FILE_SYNCHRONOUS_IO_ALERT	0x00000010
#define FILE_SYNCHRONOUS_IO_NONALERT	0x00000020
#define FILE_NON_DIRECTORY_FILE		0x00000040
#define FILE_COMPLETE_IF_OPLOCKED	0x00000100
#define FILE_NO_EA_KNOWLEDGE		0x00000200
#define FILE_RANDOM_ACCESS		0x00000800
#define FILE_DELETE_ON_CLOSE		0x00001000
#define FILE_OPEN_BY_FILE_ID		0x00002000
#define FILE_OPEN_FOR_BACKUP_INTENT	0x00004000
#define FILE_NO_COMPRESSION		0x00008000
#define FILE_OPEN_REPARSE_POINT		0x00200000
#define FILE_OPEN_NO_RECALL		0x00400000
#define FILE_OPEN_FOR_FREE_SPACE_QUERY	0x00800000
#define CREATE_OPTIONS_MASK		0x00FFFFFF

/* ShareAccess */
#define FILE_SHARE_READ		0x00000001
#define FILE_SHARE_WRITE	0x00000002
#define FILE_SHARE_DELETE	0x00000004
#define FILE_SHARE_ALL		0x00000007

/* Access mask (MS-SMB2 2.2.13.1) */
#define FILE_READ_DATA		0x00000001
#define FILE_LIST_DIRECTORY	0x00000001
#define FILE_WRITE_DATA		0x00000002
#define FILE_ADD_FILE		0x00000002
#define FILE_APPEND_DATA	0x00000004
#define FILE_ADD_SUBDIRECTORY	0x00000004
#define FILE_READ_EA		0x00000008
#define FILE_WRITE_EA		0x00000010
#define FILE_EXECUTE		0x00000020
#define FILE_TRAVERSE		0x00000020
#define FILE_DELETE_CHILD	0x00000040
#define FILE_READ_ATTRIBUTES	0x00000080
#define FILE_WRITE_ATTRIBUTES	0x00000100
#define DELETE			0x00010000
#define READ_CONTROL		0x00020000
#define WRITE_DAC		0x00040000
#define WRITE_OWNER		0x00080000
#define SYNCHRONIZE		0x00100000
#define ACCESS_SYSTEM_SECURITY	0x01000000
#define MAXIMUM_ALLOWED		0x02000000
#define GENERIC_ALL		0x10000000
#define GENERIC_EXECUTE		0x20000000
#define GENERIC_WRITE		0x40000000
#define GENERIC_READ		0x80000000
#define FILE_ALL_ACCESS		0x001F01FF
#define FILE_GENERIC_READ	0x00120089
#define FILE_GENERIC_WRITE	0x00120116
#define FILE_GENERIC_EXECUTE	0x001200A0

/* File attributes (MS-FSCC 2.6) */
#define FILE_ATTRIBUTE_READONLY		0x00000001
#define FILE_ATTRIBUTE_HIDDEN		0x00000002
#define FILE_ATTRIBUTE_SYSTEM		0x00000004
#define FILE_ATTRIBUTE_DIRECTORY	0x00000010
#define FILE_ATTRIBUTE_ARCHIVE		0x00000020
#define FILE_ATTRIBUTE_NORMAL		0x00000080
#define FILE_ATTRIBUTE_TEMPORARY	0x00000100
#define FILE_ATTRIBUTE_SPARSE_FILE	0x00000200
#define FILE_ATTRIBUTE_REPARSE_POINT	0x00000400
#define FILE_ATTRIBUTE_COMPRESSED	0x00000800
#define FILE_ATTRIBUTE_OFFLINE		0x00001000
#define FILE_ATTRIBUTE_NOT_CONTENT_INDEXED 0x00002000
#define FILE_ATTRIBUTE_ENCRYPTED	0x00004000
#define FILE_ATTRIBUTE_INTEGRITY_STREAM	0x00008000
#define FILE_ATTRIBUTE_NO_SCRUB_DATA	0x00020000
#define FILE_ATTRIBUTE_MASK		0x00007FB7

struct smb2_create_req {
	__le16 StructureSize;	/* 57 */
	__u8 SecurityFlags;
	__u8 RequestedOplockLevel;
	__le32 ImpersonationLevel;
	__le64 SmbCreateFlags;
	__le64 Reserved;
	__le32 DesiredAccess;
	__le32 FileAttributes;
	__le32 ShareAccess;
	__le32 CreateDisposition;
	__le32 CreateOptions;
	__le16 NameOffset;
	__le16 NameLength;
	__le32 CreateContextsOffset;
	__le32 CreateContextsLength;
	__u8 Buffer[];
} __packed;

/* 2.2.13.2 create context */
struct smb2_create_context {
	__le32 Next;
	__le16 NameOffset;
	__le16 NameLength;
	__le16 Reserved;
	__le16 DataOffset;
	__le32 DataLength;
	__u8 Buffer[];
} __packed;

/* 2.2.14 CREATE response */
#define SMB2_CREATE_FLAG_REPARSEPOINT	0x01
struct smb2_create_rsp {
	__le16 StructureSize;	/* 89 */
	__u8 OplockLevel;
	__u8 Flags;
	__le32 CreateAction;
	__le64 CreationTime;
	__le64 LastAccessTime;
	__le64 LastWriteTime;
	__le64 ChangeTime;
	__le64 AllocationSize;
	__le64 EndofFile;
	__le32 FileAttributes;
	__le32 Reserved2;
	__le64 PersistentFileId;
	__le64 VolatileFileId;
	__le32 CreateContextsOffset;
	__le32 CreateContextsLength;
	__u8 Buffer[];
} __packed;

/* 2.2.15 CLOSE request / 2.2.16 response */
#define SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB cpu_to_le16(0x0001)
struct smb2_close_req {
	__le16 StructureSize;	/* 24 */
	__le16 Flags;
	__le32 Reserved;
	__le64 PersistentFileId;
	__le64 VolatileFileId;
} __packed;

struct smb2_close_rsp {
	__le16 StructureSize;	/* 60 */
	__le16 Flags;
	__le32 Reserved;
	__le64 CreationTime;
	__le64 LastAccessTime;
	__le64 LastWriteTime;
	__le64 ChangeTime;
	__le64 AllocationSize;
	__le64 EndOfFile;
	__le32 Attributes;
} __packed;

/* 2.2.17 FLUSH request (response is smb2_simple_rsp) */
struct smb2_flush_req {
	__le16 StructureSize;	/* 24 */
	__le16 Reserved1;
	__le32 Reserved2;
	__le64 PersistentFileId;
	__le64 VolatileFileId;
} __packed;

/* 2.2.19 READ request / 2.2.20 response */
#define SMB2_READFLAG_READ_UNBUFFERED	0x01
struct smb2_read_req {
	__le16 StructureSize;	/* 49 */
	__u8 Padding;
	__u8 Flags;
	__le32 Length;
	__le64 Offset;
	__le64 PersistentFileId;
	__le64 VolatileFileId;
	__le32 MinimumCount;
	__le32 Channel;
	__le32 RemainingBytes;
	__le16 ReadChannelInfoOffset;
	__le16 ReadChannelInfoLength;
	__u8 Buffer[];
} __packed;

struct smb2_read_rsp {
	__le16 StructureSize;	/* 17 */
	__u8 DataOffset;
	__u8 Reserved;
	__le32 DataLength;
	__le32 DataRemaining;
	__le32 Flags;
	__u8 Buffer[];
} __packed;

/* 2.2.21 WRITE request / 2.2.22 response */
#define SMB2_WRITEFLAG_WRITE_THROUGH	0x00000001
struct smb2_write_req {
	__le16 StructureSize;	/* 49 */
	__le16 DataOffset;
	__le32 Length;
	__le64 Offset;
	__le64 PersistentFileId;
	__le64 VolatileFileId;
	__le32 Channel;
	__le32 RemainingBytes;
	__le16 WriteChannelInfoOffset;
	__le16 WriteChannelInfoLength;
	__le32 Flags;
	__u8 Buffer[];
} __packed;

struct smb2_write_rsp {
	__le16 StructureSize;	/* 17 */
	__u8 DataOffset;
	__u8 Reserved;
	__le32 DataLength;
	__le32 DataRemaining;
	__le16 WriteChannelInfoOffset;
	__le16 WriteChannelInfoLength;
	__u8 Buffer[];
} __packed;

/* 2.2.26 LOCK request */
struct smb2_lock_element {
	__le64 Offset;
	__le64 Length;
	__le32 Flags;
	__le32 Reserved;
} __packed;

struct smb2_lock_req {
	__le16 StructureSize;	/* 48 */
	__le16 LockCount;
	__le32 LockSequenceNumber;
	__le64 PersistentFileId;
	__le64 VolatileFileId;
	struct smb2_lock_element locks[];
} __packed;

/* 2.2.31 IOCTL request / 2.2.32 response */
#define SMB2_0_IOCTL_IS_FSCTL		0x00000001
#define FSCTL_VALIDATE_NEGOTIATE_INFO	0x00140204
#define FSCTL_QUERY_NETWORK_INTERFACE_INFO 0x001401FC
#define FSCTL_DFS_GET_REFERRALS		0x00060194
#define FSCTL_PIPE_TRANSCEIVE		0x0011C017

struct smb2_ioctl_req {
	__le16 StructureSize;	/* 57 */
	__le16 Reserved;
	__le32 CtlCode;
	__le64 PersistentFileId;
	__le64 VolatileFileId;
	__le32 InputOffset;
	__le32 InputCount;
	__le32 MaxInputResponse;
	__le32 OutputOffset;
	__le32 OutputCount;
	__le32 MaxOutputResponse;
	__le32 Flags;
	__le32 Reserved2;
	__u8 Buffer[];
} __packed;

struct smb2_ioctl_rsp {
	__le16 StructureSize;	/* 49 */
	__le16 Reserved;
	__le32 CtlCode;
	__le64 PersistentFileId;
	__le64 VolatileFileId;
	__le32 InputOffset;
	__le32 InputCount;
	__le32 OutputOffset;
	__le32 OutputCount;
	__le32 Flags;
	__le32 Reserved2;
	__u8 Buffer[];
} __packed;

/* 2.2.31.4 VALIDATE_NEGOTIATE_INFO request, 2.2.32.6 response */
struct validate_negotiate_info_req {
	__le32 Capabilities;
	__u8 Guid[16];
	__le16 SecurityMode;
	__le16 DialectCount;
	__le16 Dialects[];
} __packed;

struct validate_negotiate_info_rsp {
	__le32 Capabilities;
	__u8 Guid[16];
	__le16 SecurityMode;
	__le16 Dialect;
} __packed;

/* 2.2.33 QUERY_DIRECTORY request / 2.2.34 response */
#define SMB2_RESTART_SCANS		0x01
#define SMB2_RETURN_SINGLE_ENTRY	0x02
#define SMB2_INDEX_SPECIFIED		0x04
#define SMB2_REOPEN			0x10

struct smb2_query_directory_req {
	__le16 StructureSize;	/* 33 */
	__u8 FileInformationClass;
	__u8 Flags;
	__le32 FileIndex;
	__le64 PersistentFileId;
	__le64 VolatileFileId;
	__le16 FileNameOffset;
	__le16 FileNameLength;
	__le32 OutputBufferLength;
	__u8 Buffer[];
} __packed;

struct smb2_query_directory_rsp {
	__le16 StructureSize;	/* 9 */
	__le16 OutputBufferOffset;
	__le32 OutputBufferLength;
	__u8 Buffer[];
} __packed;

/* 2.2.35 CHANGE_NOTIFY request */
struct smb2_change_notify_req {
	__le16 StructureSize;	/* 32 */
	__le16 Flags;
	__le32 OutputBufferLength;
	__le64 PersistentFileId;
	__le64 VolatileFileId;
	__le32 CompletionFilter;
	__le32 Reserved;
} __packed;

/* 2.2.37 QUERY_INFO request / 2.2.38 response */
#define SMB2_O_INFO_FILE	0x01
#define SMB2_O_INFO_FILESYSTEM	0x02
#define SMB2_O_INFO_SECURITY	0x03
#define SMB2_O_INFO_QUOTA	0x04

struct smb2_query_info_req {
	__le16 StructureSize;	/* 41 */
	__u8 InfoType;
	__u8 FileInfoClass;
	__le32 OutputBufferLength;
	__le16 InputBufferOffset;
	__le16 Reserved;
	__le32 InputBufferLength;
	__le32 AdditionalInformation;
	__le32 Flags;
	__le64 PersistentFileId;
	__le64 VolatileFileId;
	__u8 Buffer[];
} __packed;

struct smb2_query_info_rsp {
	__le16 StructureSize;	/* 9 */
	__le16 OutputBufferOffset;
	__le32 OutputBufferLength;
	__u8 Buffer[];
} __packed;

/* 2.2.39 SET_INFO request / 2.2.40 response */
struct smb2_set_info_req {
	__le16 StructureSize;	/* 33 */
	__u8 InfoType;
	__u8 FileInfoClass;
	__le32 BufferLength;
	__le16 BufferOffset;
	__le16 Reserved;
	__le32 AdditionalInformation;
	__le64 PersistentFileId;
	__le64 VolatileFileId;
	__u8 Buffer[];
} __packed;

struct smb2_set_info_rsp {
	__le16 StructureSize;	/* 2 */
} __packed;

/* 2.2.23/2.2.24 OPLOCK_BREAK notification/ack (oplocks) */
struct smb2_oplock_break {
	__le16 StructureSize;	/* 24 */
	__u8 OplockLevel;
	__u8 Reserved;
	__le32 Reserved2;
	__le64 PersistentFid;
	__le64 VolatileFid;
} __packed;

#define SMB2_LOCKFLAG_SHARED		0x01
#define SMB2_LOCKFLAG_EXCLUSIVE		0x02
#define SMB2_LOCKFLAG_UNLOCK		0x04
#define SMB2_LOCKFLAG_FAIL_IMMEDIATELY	0x10

/* 2.2.23.2 / 2.2.24.2 / 2.2.25.2 lease break notification, ack, response */
struct smb2_lease_break {
	__le16 StructureSize;	/* 44 */
	__le16 NewEpoch;
	__le32 Flags;		/* SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED */
	__u8 LeaseKey[16];
	__le32 CurrentLeaseState;
	__le32 NewLeaseState;
	__le32 BreakReason;
	__le32 AccessMaskHint;
	__le32 ShareMaskHint;
} __packed;

struct smb2_lease_ack {
	__le16 StructureSize;	/* 36 */
	__le16 Reserved;
	__le32 Flags;
	__u8 LeaseKey[16];
	__le32 LeaseState;
	__le64 LeaseDuration;
} __packed;

#define SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED	0x01

/* 2.2.13.2.8 / 2.2.13.2.10 lease request contexts (RqLs), v1 and v2 */
struct smb2_lease_ctx_v1 {
	__u8 LeaseKey[16];
	__le32 LeaseState;
	__le32 LeaseFlags;
	__le64 LeaseDuration;
} __packed;

struct smb2_lease_ctx_v2 {
	__u8 LeaseKey[16];
	__le32 LeaseState;
	__le32 LeaseFlags;
	__le64 LeaseDuration;
	__u8 ParentLeaseKey[16];
	__le16 Epoch;
	__le16 Reserved;
} __packed;

#define SMB2_LEASE_FLAG_BREAK_IN_PROGRESS	0x02
#define SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET	0x04

/* Request body StructureSize values, indexed by command. */
#define SMB2_NEGOTIATE_REQ_SIZE		36
#define SMB2_SESSION_SETUP_REQ_SIZE	25
#define SMB2_LOGOFF_REQ_SIZE		4
#define SMB2_TREE_CONNECT_REQ_SIZE	9
#define SMB2_TREE_DISCONNECT_REQ_SIZE	4
#define SMB2_CREATE_REQ_SIZE		57
#define SMB2_CLOSE_REQ_SIZE		24
#define SMB2_FLUSH_REQ_SIZE		24
#define SMB2_READ_REQ_SIZE		49
#define SMB2_WRITE_REQ_SIZE		49
#define SMB2_LOCK_REQ_SIZE		48
#define SMB2_IOCTL_REQ_SIZE		57
#define SMB2_CANCEL_REQ_SIZE		4
#define SMB2_ECHO_REQ_SIZE		4
#define SMB2_QUERY_DIRECTORY_REQ_SIZE	33
#define SMB2_CHANGE_NOTIFY_REQ_SIZE	32
#define SMB2_QUERY_INFO_REQ_SIZE	41
#define SMB2_SET_INFO_REQ_SIZE		33
#define SMB2_OPLOCK_BREAK_REQ_SIZE	24	/* 36 and 44 for lease acks */

#endif /* CIFSD_SMB2PDU_H */

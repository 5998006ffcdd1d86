/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MS-FSCC information structures used by QUERY_INFO, SET_INFO and
 * QUERY_DIRECTORY.  Little-endian, packed.
 */
#ifndef CIFSD_FSCC_H
#define CIFSD_FSCC_H

#include "wire/wire.h"

/* File information classes (MS-FSCC 2.4) */
#define FILE_DIRECTORY_INFORMATION		1
#define FILE_FULL_DIRECTORY_INFORMATION		2
#define FILE_BOTH_DIRECTORY_INFORMATION		3
#define FILE_BASIC_INFORMATION			4
#define FILE_STANDARD_INFORMATION		5
#define FILE_INTERNAL_INFORMATION		6
#define FILE_EA_INFORMATION			7
#define FILE_ACCESS_INFORMATION			8
#define FILE_NAME_INFORMATION			9
#define FILE_RENAME_INFORMATION			10
#define FILE_LINK_INFORMATION			11
#define FILE_NAMES_INFORMATION			12
#define FILE_DISPOSITION_INFORMATION		13
#define FILE_POSITION_INFORMATION		14
#define FILE_FULL_EA_INFORMATION		15
#define FILE_MODE_INFORMATION			16
#define FILE_ALIGNMENT_INFORMATION		17
#define FILE_ALL_INFORMATION			18
#define FILE_ALLOCATION_INFORMATION		19
#define FILE_END_OF_FILE_INFORMATION		20
#define FILE_ALTERNATE_NAME_INFORMATION		21
#define FILE_STREAM_INFORMATION			22
#define FILE_COMPRESSION_INFORMATION		28
#define FILE_NETWORK_OPEN_INFORMATION		34
#define FILE_ATTRIBUTE_TAG_INFORMATION		35
#define FILE_ID_BOTH_DIRECTORY_INFORMATION	37
#define FILE_ID_FULL_DIRECTORY_INFORMATION	38
#define FILE_NORMALIZED_NAME_INFORMATION	48
#define FILE_ID_INFORMATION			59
#define FILE_DISPOSITION_INFORMATION_EX		64

/* File system information classes (MS-FSCC 2.5) */
#define FS_VOLUME_INFORMATION		1
#define FS_SIZE_INFORMATION		3
#define FS_DEVICE_INFORMATION		4
#define FS_ATTRIBUTE_INFORMATION	5
#define FS_CONTROL_INFORMATION		6
#define FS_FULL_SIZE_INFORMATION	7
#define FS_OBJECT_ID_INFORMATION	8
#define FS_SECTOR_SIZE_INFORMATION	11

/* FileSystemAttributes (2.5.1) */
#define FILE_CASE_SENSITIVE_SEARCH	0x00000001
#define FILE_CASE_PRESERVED_NAMES	0x00000002
#define FILE_UNICODE_ON_DISK		0x00000004
#define FILE_PERSISTENT_ACLS		0x00000008
#define FILE_SUPPORTS_SPARSE_FILES	0x00000040
#define FILE_SUPPORTS_REPARSE_POINTS	0x00000080
#define FILE_SUPPORTS_BLOCK_REFCOUNTING	0x08000000

/* Device (2.5.10) */
#define FILE_DEVICE_DISK		0x00000007
#define FILE_DEVICE_IS_MOUNTED		0x00000020

/* FileModeInformation bits the client may set (2.4.26) */
#define FILE_MODE_SETTABLE	(FILE_WRITE_THROUGH | FILE_SEQUENTIAL_ONLY | \
				 FILE_SYNCHRONOUS_IO_ALERT | \
				 FILE_SYNCHRONOUS_IO_NONALERT)

/* FileDispositionInformationEx flags (2.4.12) */
#define FILE_DISPOSITION_DELETE		0x00000001
#define FILE_DISPOSITION_POSIX_SEMANTICS 0x00000002
#define FILE_DISPOSITION_ON_CLOSE	0x00000008

struct file_basic_info {		/* 2.4.7 */
	__le64 CreationTime;
	__le64 LastAccessTime;
	__le64 LastWriteTime;
	__le64 ChangeTime;
	__le32 FileAttributes;
	__le32 Reserved;
} __packed;

struct file_standard_info {		/* 2.4.41 */
	__le64 AllocationSize;
	__le64 EndOfFile;
	__le32 NumberOfLinks;
	__u8 DeletePending;
	__u8 Directory;
	__le16 Reserved;
} __packed;

struct file_internal_info {		/* 2.4.22 */
	__le64 IndexNumber;
} __packed;

struct file_ea_info {			/* 2.4.13 */
	__le32 EaSize;
} __packed;

struct file_access_info {		/* 2.4.1 */
	__le32 AccessFlags;
} __packed;

struct file_position_info {		/* 2.4.35 */
	__le64 CurrentByteOffset;
} __packed;

struct file_mode_info {			/* 2.4.26 */
	__le32 Mode;
} __packed;

struct file_alignment_info {		/* 2.4.3 */
	__le32 AlignmentRequirement;
} __packed;

struct file_name_info {			/* 2.4.28 */
	__le32 FileNameLength;
	__u8 FileName[];
} __packed;

struct file_all_info {			/* 2.4.2 */
	struct file_basic_info Basic;
	struct file_standard_info Standard;
	struct file_internal_info Internal;
	struct file_ea_info Ea;
	struct file_access_info Access;
	struct file_position_info Position;
	struct file_mode_info Mode;
	struct file_alignment_info Alignment;
	__le32 FileNameLength;
	__u8 FileName[];
} __packed;

struct file_network_open_info {		/* 2.4.30 */
	__le64 CreationTime;
	__le64 LastAccessTime;
	__le64 LastWriteTime;
	__le64 ChangeTime;
	__le64 AllocationSize;
	__le64 EndOfFile;
	__le32 FileAttributes;
	__le32 Reserved;
} __packed;

struct file_attribute_tag_info {	/* 2.4.6 */
	__le32 FileAttributes;
	__le32 ReparseTag;
} __packed;

struct file_stream_info {		/* 2.4.44 */
	__le32 NextEntryOffset;
	__le32 StreamNameLength;
	__le64 StreamSize;
	__le64 StreamAllocationSize;
	__u8 StreamName[];
} __packed;

struct file_compression_info {		/* 2.4.9 */
	__le64 CompressedFileSize;
	__le16 CompressionFormat;
	__u8 CompressionUnitShift;
	__u8 ChunkShift;
	__u8 ClusterShift;
	__u8 Reserved[3];
} __packed;

/* SET_INFO classes */
struct file_rename_info {		/* 2.4.37.2, TYPE_2 */
	__u8 ReplaceIfExists;
	__u8 Reserved[7];
	__le64 RootDirectory;
	__le32 FileNameLength;
	__u8 FileName[];
} __packed;

struct file_disposition_info {		/* 2.4.11 */
	__u8 DeletePending;
} __packed;

struct file_disposition_info_ex {	/* 2.4.12 */
	__le32 Flags;
} __packed;

struct file_allocation_info {		/* 2.4.4 */
	__le64 AllocationSize;
} __packed;

struct file_eof_info {			/* 2.4.14 */
	__le64 EndOfFile;
} __packed;

/* Directory enumeration classes: common 64-byte head */
struct file_dir_hdr {
	__le32 NextEntryOffset;
	__le32 FileIndex;
	__le64 CreationTime;
	__le64 LastAccessTime;
	__le64 LastWriteTime;
	__le64 ChangeTime;
	__le64 EndOfFile;
	__le64 AllocationSize;
	__le32 FileAttributes;
	__le32 FileNameLength;
} __packed;

struct file_directory_info {		/* 2.4.10 */
	struct file_dir_hdr d;
	__u8 FileName[];
} __packed;

struct file_full_dir_info {		/* 2.4.17 */
	struct file_dir_hdr d;
	__le32 EaSize;
	__u8 FileName[];
} __packed;

struct file_both_dir_info {		/* 2.4.8 */
	struct file_dir_hdr d;
	__le32 EaSize;
	__u8 ShortNameLength;
	__u8 Reserved1;
	__u8 ShortName[24];
	__u8 FileName[];
} __packed;

struct file_names_info {		/* 2.4.29 */
	__le32 NextEntryOffset;
	__le32 FileIndex;
	__le32 FileNameLength;
	__u8 FileName[];
} __packed;

struct file_id_both_dir_info {		/* 2.4.19 */
	struct file_dir_hdr d;
	__le32 EaSize;
	__u8 ShortNameLength;
	__u8 Reserved1;
	__u8 ShortName[24];
	__le16 Reserved2;
	__le64 FileId;
	__u8 FileName[];
} __packed;

struct file_id_full_dir_info {		/* 2.4.20 */
	struct file_dir_hdr d;
	__le32 EaSize;
	__le32 Reserved;
	__le64 FileId;
	__u8 FileName[];
} __packed;

/* File system classes */
struct fs_volume_info {			/* 2.5.9 */
	__le64 VolumeCreationTime;
	__le32 VolumeSerialNumber;
	__le32 VolumeLabelLength;
	__u8 SupportsObjects;
	__u8 Reserved;
	__u8 VolumeLabel[];
} __packed;

struct fs_size_info {			/* 2.5.8 */
	__le64 TotalAllocationUnits;
	__le64 AvailableAllocationUnits;
	__le32 SectorsPerAllocationUnit;
	__le32 BytesPerSector;
} __packed;

struct fs_device_info {			/* 2.5.10 */
	__le32 DeviceType;
	__le32 Characteristics;
} __packed;

struct fs_attribute_info {		/* 2.5.1 */
	__le32 FileSystemAttributes;
	__le32 MaximumComponentNameLength;
	__le32 FileSystemNameLength;
	__u8 FileSystemName[];
} __packed;

struct fs_full_size_info {		/* 2.5.4 */
	__le64 TotalAllocationUnits;
	__le64 CallerAvailableAllocationUnits;
	__le64 ActualAvailableAllocationUnits;
	__le32 SectorsPerAllocationUnit;
	__le32 BytesPerSector;
} __packed;

struct fs_sector_size_info {		/* 2.5.7 */
	__le32 LogicalBytesPerSector;
	__le32 PhysicalBytesPerSectorForAtomicity;
	__le32 PhysicalBytesPerSectorForPerformance;
	__le32 FileSystemEffectivePhysicalBytesPerSectorForAtomicity;
	__le32 Flags;
	__le32 ByteOffsetForSectorAlignment;
	__le32 ByteOffsetForPartitionAlignment;
} __packed;

#define SSINFO_FLAGS_ALIGNED_DEVICE		0x00000001
#define SSINFO_FLAGS_PARTITION_ALIGNED_ON_DEVICE 0x00000002
#define SSINFO_FLAGS_TRIM_ENABLED		0x00000008
#define SSINFO_OFFSET_UNKNOWN			0xffffffff

static inline void fscc_size_checks(void)
{
	BUILD_BUG_ON(sizeof(struct file_basic_info) != 40);
	BUILD_BUG_ON(sizeof(struct file_standard_info) != 24);
	BUILD_BUG_ON(sizeof(struct file_all_info) != 100);
	BUILD_BUG_ON(sizeof(struct file_network_open_info) != 56);
	BUILD_BUG_ON(sizeof(struct file_directory_info) != 64);
	BUILD_BUG_ON(sizeof(struct file_full_dir_info) != 68);
	BUILD_BUG_ON(sizeof(struct file_both_dir_info) != 94);
	BUILD_BUG_ON(sizeof(struct file_id_both_dir_info) != 104);
	BUILD_BUG_ON(sizeof(struct file_id_full_dir_info) != 80);
	BUILD_BUG_ON(sizeof(struct file_names_info) != 12);
	BUILD_BUG_ON(sizeof(struct fs_volume_info) != 18);
	BUILD_BUG_ON(sizeof(struct fs_attribute_info) != 12);
	BUILD_BUG_ON(sizeof(struct fs_full_size_info) != 32);
	BUILD_BUG_ON(sizeof(struct fs_sector_size_info) != 28);
	BUILD_BUG_ON(sizeof(struct file_rename_info) != 20);
}

#endif /* CIFSD_FSCC_H */

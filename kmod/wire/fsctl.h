/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Input buffers of the file system controls CIFSD serves (MS-SMB2 2.2.31,
 * MS-FSCC 2.3).  Each parser takes the IOCTL input buffer exactly as the
 * dispatcher bounded it (InputOffset/InputCount inside the PDU) and
 * either fills a decoded structure or returns -EINVAL; nothing here
 * touches kernel objects.  Offsets and lengths that MS-FSCC declares as
 * signed 64-bit values are rejected when negative, and ranges whose end
 * would pass S64_MAX are rejected too, so callers may add them.
 */
#ifndef CIFSD_WIRE_FSCTL_H
#define CIFSD_WIRE_FSCTL_H

#include "wire.h"

/* Control codes (MS-FSCC 2.3, MS-SMB2 2.2.31) */
#define FSCTL_DFS_GET_REFERRALS_CODE	0x00060194
#define FSCTL_GET_COMPRESSION		0x0009003C
#define FSCTL_SET_COMPRESSION		0x0009C040
#define FSCTL_GET_NTFS_VOLUME_DATA	0x00090064
#define FSCTL_GET_OBJECT_ID		0x0009009C
#define FSCTL_CREATE_OR_GET_OBJECT_ID	0x000900C0
#define FSCTL_SET_SPARSE		0x000900C4
#define FSCTL_SET_ZERO_DATA		0x000980C8
#define FSCTL_QUERY_ALLOCATED_RANGES	0x000940CF
#define FSCTL_FILE_LEVEL_TRIM		0x00098208
#define FSCTL_DUPLICATE_EXTENTS_TO_FILE	0x00098344
#define FSCTL_SRV_ENUMERATE_SNAPSHOTS	0x00144064
#define FSCTL_SRV_REQUEST_RESUME_KEY	0x00140078
#define FSCTL_SRV_COPYCHUNK		0x001440F2
#define FSCTL_SRV_COPYCHUNK_WRITE	0x001480F2
#define FSCTL_LMR_REQUEST_RESILIENCY	0x001401D4

/* SRV_COPYCHUNK_COPY (MS-SMB2 2.2.31.1): key, count, reserved, chunks */
#define FSCTL_RESUME_KEY_SIZE		24
#define FSCTL_COPYCHUNK_HDR_SIZE	32
#define FSCTL_COPYCHUNK_ENTRY_SIZE	24
/* SRV_COPYCHUNK_RESPONSE (2.2.32.1) */
#define FSCTL_COPYCHUNK_RSP_SIZE	12

struct fsctl_copychunk {
	const u8 *key;		/* FSCTL_RESUME_KEY_SIZE bytes */
	u32 count;		/* entries at @chunks, all inside the buffer */
	const u8 *chunks;
};

struct fsctl_chunk {
	u64 src;
	u64 dst;
	u32 len;
};

/*
 * Decode SRV_COPYCHUNK_COPY.  -EINVAL when the buffer cannot hold the
 * header or the ChunkCount entries it announces.
 */
int fsctl_parse_copychunk(const u8 *buf, size_t len,
			  struct fsctl_copychunk *cc);
/* Entry @i (< cc->count). */
void fsctl_copychunk_get(const struct fsctl_copychunk *cc, u32 i,
			 struct fsctl_chunk *c);
/*
 * MS-SMB2 3.3.5.15.6: the server's limits.  0 when every chunk fits;
 * -EINVAL when there are more than @max_chunks chunks, a chunk is empty
 * or longer than @max_chunk, or their sum passes @max_total.
 */
int fsctl_copychunk_check(const struct fsctl_copychunk *cc, u32 max_chunks,
			  u32 max_chunk, u64 max_total);

/* FILE_ZERO_DATA_INFORMATION (MS-FSCC 2.3.87): [off, end) */
int fsctl_parse_zero_data(const u8 *buf, size_t len, u64 *off, u64 *end);

/* FILE_ALLOCATED_RANGE_BUFFER (MS-FSCC 2.3.52), the QUERY input */
#define FSCTL_RANGE_SIZE		16
int fsctl_parse_range(const u8 *buf, size_t len, u64 *off, u64 *length);
/* Write one FILE_ALLOCATED_RANGE_BUFFER (16 bytes). */
void fsctl_put_range(u8 *p, u64 off, u64 length);

/* FSCTL_FILE_LEVEL_TRIM input (MS-FSCC 2.3.73): key, count, ranges */
#define FSCTL_TRIM_HDR_SIZE		8
#define FSCTL_TRIM_RSP_SIZE		4
struct fsctl_trim {
	u32 count;
	const u8 *ranges;	/* @count FILE_LEVEL_TRIM_RANGE of 16 bytes */
};
int fsctl_parse_trim(const u8 *buf, size_t len, struct fsctl_trim *t);
/* Range @i; -EINVAL when it is negative or overflows. */
int fsctl_trim_get(const struct fsctl_trim *t, u32 i, u64 *off, u64 *len);

/* DUPLICATE_EXTENTS_DATA (MS-FSCC 2.3.9.1) */
#define FSCTL_DUP_EXTENTS_SIZE		40
struct fsctl_dup_extents {
	u64 pfid;
	u64 vfid;
	u64 src;
	u64 dst;
	u64 len;
};
int fsctl_parse_dup_extents(const u8 *buf, size_t len,
			    struct fsctl_dup_extents *d);

/*
 * FILE_SET_SPARSE_BUFFER (MS-FSCC 2.3.64): optional.  An empty buffer
 * means "set"; otherwise the first byte decides (longer buffers are
 * accepted, as Windows does).
 */
bool fsctl_parse_set_sparse(const u8 *buf, size_t len);

/* COMPRESSION_STATE (MS-FSCC 2.3.67): -EINVAL when shorter than 2 bytes */
#define COMPRESSION_FORMAT_NONE		0
#define COMPRESSION_FORMAT_DEFAULT	1
int fsctl_parse_compression(const u8 *buf, size_t len, u16 *format);

#endif /* CIFSD_WIRE_FSCTL_H */

import type { DatabaseSync } from 'node:sqlite';
import type { StorageClass } from '../../protocol/models/types/s3.ts';
import { statementCache } from '../../state/storage.ts';
import { atomically } from './atomic.ts';
import type { ChecksumAlgorithm } from './checksums.ts';
import type { ObjectHeaders, ObjectRecord } from './store.ts';

export interface UploadRecord {
  readonly uploadId: string;
  readonly bucket: string;
  readonly key: string;
  readonly initiated: number;
  readonly headers: ObjectHeaders;
  readonly metadata: Record<string, string>;
  /** Tags the completed object gets (x-amz-tagging on CreateMultipartUpload). */
  readonly tags?: Record<string, string>;
  /** x-amz-storage-class on CreateMultipartUpload; absent means STANDARD. */
  readonly storageClass?: StorageClass;
  /** x-amz-checksum-algorithm on CreateMultipartUpload: every part has one, the object a checksum of them. */
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  /** The Object Lock headers sent on CreateMultipartUpload (the bucket's default applies at completion). */
  readonly lock?: Pick<ObjectRecord, 'retention' | 'legalHold'>;
}

export interface PartRecord {
  readonly partNumber: number;
  readonly size: number;
  /** Hex MD5 of the part, unquoted. */
  readonly md5: string;
  readonly lastModified: number;
  readonly file: string;
  /** The part's additional checksum (base64), when the client sent one or the upload names an algorithm. */
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string };
}

/** Multipart uploads in progress and the parts received so far (bodies are files in the BodyStore). */
export class UploadStore {
  readonly #db: DatabaseSync;
  readonly #sql: ReturnType<typeof statementCache>;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#sql = statementCache(db);
    db.exec(`
      CREATE TABLE IF NOT EXISTS uploads (upload_id TEXT PRIMARY KEY, record TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS parts (
        upload_id TEXT NOT NULL, part_number INTEGER NOT NULL, record TEXT NOT NULL,
        PRIMARY KEY (upload_id, part_number)) WITHOUT ROWID;
    `);
  }

  upload(uploadId: string): UploadRecord | undefined {
    const row = this.#sql('SELECT record FROM uploads WHERE upload_id = ?').get(uploadId);
    return row ? (JSON.parse(String(row.record)) as UploadRecord) : undefined;
  }

  createUpload(record: UploadRecord): void {
    this.#sql('INSERT INTO uploads (upload_id, record) VALUES (?, ?)').run(
      record.uploadId,
      JSON.stringify(record),
    );
  }

  /** The bucket's uploads in progress, by key then initiation (as ListMultipartUploads orders them). */
  uploadsOf(bucket: string): UploadRecord[] {
    return this.#sql(`SELECT record FROM uploads WHERE json_extract(record, '$.bucket') = ?`)
      .all(bucket)
      .map((row) => JSON.parse(String(row.record)) as UploadRecord)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.initiated - b.initiated));
  }

  /** Records a part; returns the part it replaced, if any. Undefined result also when the upload is gone. */
  putPart(uploadId: string, part: PartRecord): { replaced?: PartRecord; exists: boolean } {
    return atomically(this.#db, () => {
      if (!this.upload(uploadId)) return { exists: false };
      const replaced = this.part(uploadId, part.partNumber);
      this.#sql('INSERT OR REPLACE INTO parts (upload_id, part_number, record) VALUES (?, ?, ?)').run(
        uploadId,
        part.partNumber,
        JSON.stringify(part),
      );
      return { replaced, exists: true };
    });
  }

  part(uploadId: string, partNumber: number): PartRecord | undefined {
    const row = this.#sql('SELECT record FROM parts WHERE upload_id = ? AND part_number = ?').get(
      uploadId,
      partNumber,
    );
    return row ? (JSON.parse(String(row.record)) as PartRecord) : undefined;
  }

  parts(uploadId: string): PartRecord[] {
    return this.#sql('SELECT record FROM parts WHERE upload_id = ? ORDER BY part_number')
      .all(uploadId)
      .map((row) => JSON.parse(String(row.record)) as PartRecord);
  }

  /** Forgets the upload; returns its parts, whose files the caller removes. */
  deleteUpload(uploadId: string): PartRecord[] {
    return atomically(this.#db, () => {
      const parts = this.parts(uploadId);
      this.#sql('DELETE FROM parts WHERE upload_id = ?').run(uploadId);
      this.#sql('DELETE FROM uploads WHERE upload_id = ?').run(uploadId);
      return parts;
    });
  }
}

import { Transform, type TransformCallback } from 'node:stream';
import { ChunkedBodyError } from '../../protocol/aws-chunked.ts';

const MAX_LINE = 16 * 1024;

/**
 * Strips `aws-chunked` framing from an upload as it streams (protocol/aws-chunked.ts does the
 * same for whole buffers): `<hex size>[;chunk-signature=…]\r\n<data>\r\n` … `0\r\n`, then
 * trailer lines (`x-amz-checksum-crc32:…`) and an empty line. Trailers are readable once it ends.
 */
export class AwsChunkedDecoder extends Transform {
  readonly trailers: Record<string, string> = {};
  #buffer: Buffer = Buffer.alloc(0);
  #state: 'size' | 'data' | 'crlf' | 'trailer' | 'done' = 'size';
  #remaining = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      this.#consume();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.#state === 'trailer' && this.#buffer.length > 0) this.#trailer(this.#buffer.toString('latin1'));
    if (this.#state !== 'trailer' && this.#state !== 'done') {
      callback(new ChunkedBodyError('the body ended inside a chunk'));
      return;
    }
    callback();
  }

  #consume(): void {
    for (;;) {
      if (this.#state === 'done') {
        this.#buffer = Buffer.alloc(0);
        return;
      }
      if (this.#state === 'data') {
        if (this.#buffer.length === 0) return;
        const take = Math.min(this.#remaining, this.#buffer.length);
        this.push(this.#buffer.subarray(0, take));
        this.#buffer = this.#buffer.subarray(take);
        this.#remaining -= take;
        if (this.#remaining === 0) this.#state = 'crlf';
        continue;
      }
      if (this.#state === 'crlf') {
        if (this.#buffer.length < 2) return;
        if (this.#buffer[0] !== 13 || this.#buffer[1] !== 10)
          throw new ChunkedBodyError('chunk not terminated');
        this.#buffer = this.#buffer.subarray(2);
        this.#state = 'size';
        continue;
      }
      const end = this.#buffer.indexOf('\r\n');
      if (end === -1) {
        if (this.#buffer.length > MAX_LINE) throw new ChunkedBodyError('chunk header too long');
        return;
      }
      const line = this.#buffer.toString('latin1', 0, end);
      this.#buffer = this.#buffer.subarray(end + 2);
      if (this.#state === 'size') this.#size(line);
      else if (line === '') this.#state = 'done';
      else this.#trailer(line);
    }
  }

  #size(line: string): void {
    const text = line.split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]{1,12}$/.test(text)) throw new ChunkedBodyError('invalid chunk size');
    this.#remaining = Number.parseInt(text, 16);
    this.#state = this.#remaining === 0 ? 'trailer' : 'data';
  }

  #trailer(line: string): void {
    const colon = line.indexOf(':');
    if (colon > 0) this.trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
}

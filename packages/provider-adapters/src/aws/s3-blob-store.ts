import type { Blob, BlobBody, BlobPutOptions, BlobStore } from '@agentic-memory/memory-core';
import { BlobExistsError, UNCHANGED, validateBlobKey } from '@agentic-memory/memory-core';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';

function bytes(body: BlobBody): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

function status(error: unknown): number | undefined {
  return error instanceof S3ServiceException
    ? error.$metadata.httpStatusCode
    : (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

/**
 * BlobStore on S3. `putIfAbsent` is a conditional write (`If-None-Match: *`): S3 answers 412 when
 * the key exists (and 409 when a concurrent conditional write is in flight), both BlobExistsError.
 * `delete` removes every version and delete marker of the key (the bucket is versioned).
 */
export class S3BlobStore implements BlobStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  async put(key: string, body: BlobBody, options?: BlobPutOptions): Promise<void> {
    validateBlobKey(key);
    const data = bytes(body);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: data,
        ContentLength: data.byteLength,
        ContentType: options?.contentType,
      }),
      {
        abortSignal: options?.signal,
      },
    );
  }

  async putIfAbsent(key: string, body: BlobBody, options?: BlobPutOptions): Promise<void> {
    validateBlobKey(key);
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes(body), ContentType: options?.contentType, IfNoneMatch: '*' }),
        { abortSignal: options?.signal },
      );
    } catch (error) {
      const code = status(error);
      if (code === 412 || code === 409) throw new BlobExistsError(key);
      throw error;
    }
  }

  async get(key: string, signal?: AbortSignal): Promise<Blob | null> {
    validateBlobKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal: signal });
      const bytes = res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
      return { body: bytes, contentType: res.ContentType ?? null, etag: res.ETag ?? null };
    } catch (error) {
      if (status(error) === 404 || (error as Error).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async getIfChanged(key: string, etag: string, signal?: AbortSignal): Promise<Blob | typeof UNCHANGED | null> {
    validateBlobKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, IfNoneMatch: etag }), {
        abortSignal: signal,
      });
      const bytes = res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
      return { body: bytes, contentType: res.ContentType ?? null, etag: res.ETag ?? null };
    } catch (error) {
      if (status(error) === 304) return UNCHANGED;
      if (status(error) === 404 || (error as Error).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async delete(key: string, signal?: AbortSignal): Promise<number> {
    validateBlobKey(key);
    const objects: { Key: string; VersionId?: string }[] = [];
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: key, KeyMarker: keyMarker, VersionIdMarker: versionMarker }),
        { abortSignal: signal },
      );
      for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
        if (v.Key === key) objects.push({ Key: key, VersionId: v.VersionId });
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker);
    let deleted = 0;
    for (let i = 0; i < objects.length; i += 1000) {
      const batch = objects.slice(i, i + 1000);
      const res = await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch, Quiet: false } }), {
        abortSignal: signal,
      });
      if (res.Errors && res.Errors.length > 0)
        throw new Error(`could not delete ${res.Errors.length} versions of ${key}: ${res.Errors[0]?.Code}`);
      deleted += res.Deleted?.length ?? 0;
    }
    return deleted;
  }

  async list(prefix: string, signal?: AbortSignal): Promise<readonly string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }), {
        abortSignal: signal,
      });
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }
}

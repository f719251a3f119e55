import { createHash } from 'node:crypto';
import type { Blob, BlobBody, BlobPutOptions, BlobStore } from '@agentic-memory/memory-core';
import { BlobExistsError, UNCHANGED, validateBlobKey } from '@agentic-memory/memory-core';
import { AwsServiceError } from './aws-service-error';
import type { LiteAwsClient, LiteAwsRequest } from './lite-aws-client';
import { uriEncode } from './sigv4';
import { escapeXml, parseXml, type XmlElement, xmlChildren, xmlChildText } from './xml';

function bytes(body: BlobBody): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/** A query parameter; `null` value = a bare sub-resource name (`?versions`, `?delete`). */
type Query = readonly (readonly [string, string | null])[];

function queryString(query: Query): string {
  if (query.length === 0) return '';
  return `?${query.map(([name, value]) => (value === null ? uriEncode(name) : `${uriEncode(name)}=${uriEncode(value)}`)).join('&')}`;
}

export interface S3ListPage {
  readonly keys: readonly string[];
  readonly nextContinuationToken: string | undefined;
}

/** Reads a ListObjectsV2 answer (`ListBucketResult`). */
export function parseListObjectsV2(xml: string): S3ListPage {
  const root = parseXml(xml);
  if (root.name !== 'ListBucketResult') throw new Error(`S3 ListObjectsV2: expected ListBucketResult, got ${root.name}`);
  const keys = xmlChildren(root, 'Contents').map((c) => xmlChildText(c, 'Key') ?? '');
  const truncated = xmlChildText(root, 'IsTruncated') === 'true';
  const nextContinuationToken = truncated ? xmlChildText(root, 'NextContinuationToken') : undefined;
  if (truncated && !nextContinuationToken) throw new Error('S3 ListObjectsV2: truncated page without NextContinuationToken');
  return { keys, nextContinuationToken };
}

export interface S3VersionsPage {
  /** Versions and delete markers, in the answer's order. */
  readonly versions: readonly { readonly key: string; readonly versionId: string }[];
  readonly nextKeyMarker: string | undefined;
  readonly nextVersionIdMarker: string | undefined;
}

/** Reads a ListObjectVersions answer (`ListVersionsResult`). */
export function parseListObjectVersions(xml: string): S3VersionsPage {
  const root = parseXml(xml);
  if (root.name !== 'ListVersionsResult') throw new Error(`S3 ListObjectVersions: expected ListVersionsResult, got ${root.name}`);
  const versions = root.children
    .filter((c) => c.name === 'Version' || c.name === 'DeleteMarker')
    .map((c) => ({ key: xmlChildText(c, 'Key') ?? '', versionId: xmlChildText(c, 'VersionId') ?? 'null' }));
  const truncated = xmlChildText(root, 'IsTruncated') === 'true';
  return {
    versions,
    nextKeyMarker: truncated ? xmlChildText(root, 'NextKeyMarker') : undefined,
    nextVersionIdMarker: truncated ? xmlChildText(root, 'NextVersionIdMarker') : undefined,
  };
}

export interface S3DeleteResult {
  readonly deleted: number;
  readonly errors: readonly { readonly key: string; readonly code: string; readonly message: string }[];
}

/** Reads a DeleteObjects answer (`DeleteResult`). */
export function parseDeleteResult(xml: string): S3DeleteResult {
  const root = parseXml(xml);
  if (root.name !== 'DeleteResult') throw new Error(`S3 DeleteObjects: expected DeleteResult, got ${root.name}`);
  const errors = xmlChildren(root, 'Error').map((e: XmlElement) => ({
    key: xmlChildText(e, 'Key') ?? '',
    code: xmlChildText(e, 'Code') ?? '',
    message: xmlChildText(e, 'Message') ?? '',
  }));
  return { deleted: xmlChildren(root, 'Deleted').length, errors };
}

/** The DeleteObjects request body. */
export function deleteObjectsXml(objects: readonly { readonly key: string; readonly versionId?: string }[]): string {
  const items = objects
    .map((o) => `<Object><Key>${escapeXml(o.key)}</Key>${o.versionId ? `<VersionId>${escapeXml(o.versionId)}</VersionId>` : ''}</Object>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Quiet>false</Quiet>${items}</Delete>`;
}

/**
 * BlobStore on S3 over its REST API (LiteAwsClient: SigV4 over node:https), the same semantics as the SDK's
 * S3BlobStore: `putIfAbsent` is a conditional write (`If-None-Match: *`; S3 answers 412 when the
 * key exists and 409 when a concurrent conditional write is in flight, both BlobExistsError);
 * `get` answers null for an absent key (NoSuchKey) and throws for anything else, a missing bucket
 * included; `delete` removes every version and delete marker of the key (the bucket is
 * versioned). Path-style URLs at an emulator's endpoint, virtual-hosted otherwise.
 */
export class LiteS3BlobStore implements BlobStore {
  /** Origin (+ `/bucket` path-style) every request URL starts with. */
  private readonly base: string;
  private readonly pathStyle: boolean;

  constructor(
    private readonly client: LiteAwsClient,
    readonly bucket: string,
  ) {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new Error(`"${bucket}" is not an S3 bucket name`);
    // Dots break the wildcard certificate of virtual-hosted names: path-style then, as the SDK does.
    this.pathStyle = client.endpoint !== undefined || bucket.includes('.');
    this.base = client.endpoint
      ? `${client.endpoint}/${bucket}`
      : this.pathStyle
        ? `https://s3.${client.region}.${client.dnsSuffix}/${bucket}`
        : `https://${bucket}.s3.${client.region}.${client.dnsSuffix}`;
  }

  private send(
    method: LiteAwsRequest['method'],
    key: string | null,
    query: Query,
    init: { headers?: Record<string, string>; body?: Uint8Array; signal?: AbortSignal | undefined } = {},
  ) {
    const path = key === null ? (this.pathStyle ? '' : '/') : `/${uriEncode(key, true)}`;
    return this.client.send({
      service: 's3',
      method,
      url: `${this.base}${path}${queryString(query)}`,
      ...(init.headers ? { headers: init.headers } : {}),
      ...(init.body ? { body: init.body } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  }

  async put(key: string, body: BlobBody, options?: BlobPutOptions): Promise<void> {
    validateBlobKey(key);
    await this.send('PUT', key, [], {
      body: bytes(body),
      headers: options?.contentType ? { 'content-type': options.contentType } : {},
      signal: options?.signal,
    });
  }

  async putIfAbsent(key: string, body: BlobBody, options?: BlobPutOptions): Promise<void> {
    validateBlobKey(key);
    try {
      await this.send('PUT', key, [], {
        body: bytes(body),
        headers: { 'if-none-match': '*', ...(options?.contentType ? { 'content-type': options.contentType } : {}) },
        signal: options?.signal,
      });
    } catch (error) {
      if (error instanceof AwsServiceError && (error.statusCode === 412 || error.statusCode === 409)) throw new BlobExistsError(key);
      throw error;
    }
  }

  async get(key: string, signal?: AbortSignal): Promise<Blob | null> {
    validateBlobKey(key);
    try {
      const res = await this.send('GET', key, [], { signal });
      return { body: res.body, contentType: res.headers.get('content-type'), etag: res.headers.get('etag') };
    } catch (error) {
      if (error instanceof AwsServiceError && error.statusCode === 404 && error.code !== 'NoSuchBucket') return null;
      throw error;
    }
  }

  async getIfChanged(key: string, etag: string, signal?: AbortSignal): Promise<Blob | typeof UNCHANGED | null> {
    validateBlobKey(key);
    try {
      const res = await this.send('GET', key, [], { signal, headers: { 'if-none-match': etag } });
      return { body: res.body, contentType: res.headers.get('content-type'), etag: res.headers.get('etag') };
    } catch (error) {
      if (error instanceof AwsServiceError && error.statusCode === 304) return UNCHANGED;
      if (error instanceof AwsServiceError && error.statusCode === 404 && error.code !== 'NoSuchBucket') return null;
      throw error;
    }
  }

  async delete(key: string, signal?: AbortSignal): Promise<number> {
    validateBlobKey(key);
    const objects: { key: string; versionId: string }[] = [];
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    do {
      const query: [string, string | null][] = [
        ['versions', null],
        ['prefix', key],
      ];
      if (keyMarker !== undefined) query.push(['key-marker', keyMarker]);
      if (versionMarker !== undefined) query.push(['version-id-marker', versionMarker]);
      const res = await this.send('GET', null, query, { signal });
      const page = parseListObjectVersions(Buffer.from(res.body).toString('utf8'));
      for (const v of page.versions) if (v.key === key) objects.push({ key, versionId: v.versionId });
      keyMarker = page.nextKeyMarker;
      versionMarker = page.nextVersionIdMarker;
    } while (keyMarker);
    let deleted = 0;
    for (let i = 0; i < objects.length; i += 1000) {
      const body = Buffer.from(deleteObjectsXml(objects.slice(i, i + 1000)), 'utf8');
      const res = await this.send('POST', null, [['delete', null]], {
        body,
        // S3 requires an integrity header on DeleteObjects.
        headers: { 'content-type': 'application/xml', 'content-md5': createHash('md5').update(body).digest('base64') },
        signal,
      });
      const result = parseDeleteResult(Buffer.from(res.body).toString('utf8'));
      if (result.errors.length > 0)
        throw new Error(`could not delete ${result.errors.length} versions of ${key}: ${result.errors[0]?.code}`);
      deleted += result.deleted;
    }
    return deleted;
  }

  async list(prefix: string, signal?: AbortSignal): Promise<readonly string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const query: [string, string][] = [
        ['list-type', '2'],
        ['prefix', prefix],
      ];
      if (token !== undefined) query.push(['continuation-token', token]);
      const res = await this.send('GET', null, query, { signal });
      const page = parseListObjectsV2(Buffer.from(res.body).toString('utf8'));
      for (const k of page.keys) if (k) keys.push(k);
      token = page.nextContinuationToken;
    } while (token);
    return keys.sort();
  }
}

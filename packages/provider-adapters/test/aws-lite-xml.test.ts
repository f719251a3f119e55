import fc from 'fast-check';
import { AwsServiceError } from '../src/aws-lite/aws-service-error';
import { parseAwsError } from '../src/aws-lite/lite-aws-client';
import { deleteObjectsXml, parseDeleteResult, parseListObjectsV2, parseListObjectVersions } from '../src/aws-lite/lite-s3-blob-store';
import { decodeXmlEntities, escapeXml, parseXml, type XmlElement, XmlParseError } from '../src/aws-lite/xml';

/** Text XML 1.0 can carry: no control characters but tab/newline, no lone surrogates. */
const xmlCharacter = (c: string) => {
  const code = c.codePointAt(0) ?? 0;
  return (code >= 0x20 || c === '\t' || c === '\n') && code !== 0xfffe && code !== 0xffff;
};
const xmlText = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => [...s].filter(xmlCharacter).join(''));
const tagName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,9}$/);

interface Tree {
  readonly name: string;
  readonly text: string;
  readonly children: readonly Tree[];
}

const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'xml' },
    fc.record({ name: tagName, text: xmlText, children: fc.constant([]) }),
    fc.record({ name: tagName, text: xmlText, children: fc.array(tie('tree'), { maxLength: 3 }) }),
  ),
}));

function serialize(t: Tree, style: number): string {
  if (t.text === '' && t.children.length === 0 && style % 2 === 0) return `<${t.name}/>`;
  // Text first, then children (one text node per element, as S3's documents have).
  const attributes = style % 3 === 0 ? ' xmlns="http://s3.amazonaws.com/doc/2006-03-01/" a=\'x>y\'' : '';
  return `<${t.name}${attributes}>${escapeXml(t.text)}${t.children.map((c) => serialize(c, style + 1)).join('')}</${t.name}>`;
}

function shape(e: XmlElement): Tree {
  return { name: e.name, text: e.text, children: e.children.map(shape) };
}

describe('XML reader', () => {
  it('parses what was serialised, with any text escaped (round trip)', () => {
    fc.assert(
      fc.property(tree, fc.nat(5), (t, style) => {
        const document = `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(t, style)}\n`;
        expect(shape(parseXml(document))).toEqual(t);
      }),
    );
  });

  it('decodes numeric and named entities, CDATA, and skips comments', () => {
    const root = parseXml('<!-- c --><R><K>a&amp;b&#x41;&#66;&lt;&gt;&quot;&apos;</K><C><![CDATA[<raw & text>]]></C><S/></R>');
    expect(root.children.map((c) => [c.name, c.text])).toEqual([
      ['K', 'a&bAB<>"\''],
      ['C', '<raw & text>'],
      ['S', ''],
    ]);
    expect(decodeXmlEntities('&#x1F600;')).toBe('😀');
  });

  it.each([
    ['an unclosed element', '<A><B></B>'],
    ['a mismatched end tag', '<A><B></A></B>'],
    ['an end tag without a start', '</A>'],
    ['text outside the root', 'junk<A/>'],
    ['two roots', '<A/><B/>'],
    ['no element at all', '<?xml version="1.0"?>'],
    ['an unknown entity', '<A>&nbsp;</A>'],
    ['an unterminated tag', '<A'],
  ])('rejects %s', (_label, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlParseError);
  });
});

const s3Key = fc
  .array(fc.stringMatching(/^[A-Za-z0-9!_.*'()=:+@-]{1,12}$/), { minLength: 1, maxLength: 4 })
  .map((segments) => segments.join('/'));

describe('S3 answers', () => {
  it('ListObjectsV2: every key comes back exactly, with the continuation token of a truncated page', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            s3Key,
            xmlText.filter((k) => k !== ''),
          ),
          { maxLength: 8 },
        ),
        fc.option(xmlText),
        (keys, token) => {
          const truncated = token !== null && token !== '';
          const xml = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix></Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>${truncated}</IsTruncated>${
            truncated ? `<NextContinuationToken>${escapeXml(token)}</NextContinuationToken>` : ''
          }${keys.map((k) => `<Contents><Key>${escapeXml(k)}</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>&quot;e&quot;</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>`).join('')}</ListBucketResult>`;
          const page = parseListObjectsV2(xml);
          expect(page.keys).toEqual(keys);
          expect(page.nextContinuationToken).toBe(truncated ? token : undefined);
        },
      ),
    );
  });

  it('ListObjectsV2: a truncated page without a token is an error, not an endless loop', () => {
    expect(() => parseListObjectsV2('<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>')).toThrow(
      /NextContinuationToken/,
    );
    expect(() => parseListObjectsV2('<Error><Code>x</Code></Error>')).toThrow(/expected ListBucketResult/);
  });

  it('ListObjectVersions: versions and delete markers in order, markers of a truncated page', () => {
    const xml = `<ListVersionsResult><Name>b</Name><Prefix>k</Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker><NextKeyMarker>k</NextKeyMarker><NextVersionIdMarker>v3</NextVersionIdMarker><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>
<Version><Key>k</Key><VersionId>v1</VersionId><IsLatest>false</IsLatest><Owner><ID>o</ID></Owner></Version>
<DeleteMarker><Key>k</Key><VersionId>v2</VersionId><IsLatest>true</IsLatest></DeleteMarker>
<Version><Key>k/longer</Key><VersionId>null</VersionId></Version></ListVersionsResult>`;
    expect(parseListObjectVersions(xml)).toEqual({
      versions: [
        { key: 'k', versionId: 'v1' },
        { key: 'k', versionId: 'v2' },
        { key: 'k/longer', versionId: 'null' },
      ],
      nextKeyMarker: 'k',
      nextVersionIdMarker: 'v3',
    });
  });

  it('DeleteObjects: the request carries every key and version escaped; the answer counts deletions and errors', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.oneof(
              s3Key,
              xmlText.filter((k) => k !== ''),
            ),
            versionId: xmlText,
          }),
          { maxLength: 5 },
        ),
        (objects) => {
          const request = parseXml(deleteObjectsXml(objects));
          expect(request.name).toBe('Delete');
          const sent = request.children
            .filter((c) => c.name === 'Object')
            .map((o) => ({
              key: o.children.find((c) => c.name === 'Key')?.text,
              versionId: o.children.find((c) => c.name === 'VersionId')?.text ?? '',
            }));
          expect(sent).toEqual(objects);
        },
      ),
    );
    expect(
      parseDeleteResult(
        '<DeleteResult><Deleted><Key>a</Key><VersionId>1</VersionId></Deleted><Deleted><Key>a</Key><DeleteMarker>true</DeleteMarker></Deleted><Error><Key>a</Key><VersionId>2</VersionId><Code>AccessDenied</Code><Message>no</Message></Error></DeleteResult>',
      ),
    ).toEqual({ deleted: 2, errors: [{ key: 'a', code: 'AccessDenied', message: 'no' }] });
  });
});

describe('AWS error answers', () => {
  const headers = (h: Record<string, string> = {}) => new Headers(h);
  const bytes = (s: string) => Buffer.from(s, 'utf8');

  it('reads S3’s XML error, with its request id', () => {
    const error = parseAwsError(
      's3',
      404,
      headers({ 'x-amz-request-id': 'R1' }),
      bytes('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>k</Key></Error>'),
    );
    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error).toMatchObject({ name: 'NoSuchKey', code: 'NoSuchKey', statusCode: 404, requestId: 'R1', $fault: 'client' });
    expect(error.$metadata).toEqual({ httpStatusCode: 404, requestId: 'R1' });
    expect(error.message).toBe('s3 NoSuchKey (HTTP 404): The specified key does not exist.');
  });

  it('reads the query protocol’s ErrorResponse', () => {
    const error = parseAwsError(
      'sqs',
      403,
      headers(),
      bytes('<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>m</Message></Error></ErrorResponse>'),
    );
    expect(error).toMatchObject({ code: 'SignatureDoesNotMatch', statusCode: 403 });
  });

  it('reads the JSON protocols’ __type (shape id or bare) and the x-amzn-ErrorType header', () => {
    expect(parseAwsError('sqs', 400, headers(), bytes('{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"gone"}'))).toMatchObject({
      code: 'QueueDoesNotExist',
      message: 'sqs QueueDoesNotExist (HTTP 400): gone',
    });
    expect(parseAwsError('secretsmanager', 400, headers(), bytes('{"__type":"ResourceNotFoundException","Message":"no"}'))).toMatchObject({
      code: 'ResourceNotFoundException',
    });
    expect(
      parseAwsError('sqs', 400, headers({ 'x-amzn-ErrorType': 'ThrottlingException:http://internal.amazon.com/coral/' }), bytes('')),
    ).toMatchObject({ code: 'ThrottlingException' });
  });

  it('falls back on the status when the body says nothing usable, and never throws while parsing', () => {
    expect(parseAwsError('s3', 412, headers(), bytes(''))).toMatchObject({ code: 'PreconditionFailed', $fault: 'client' });
    expect(parseAwsError('s3', 503, headers(), bytes('<html>busy'))).toMatchObject({ code: 'Http503', $fault: 'server' });
    fc.assert(
      fc.property(fc.integer({ min: 300, max: 599 }), fc.string({ maxLength: 60 }), (status, body) => {
        const error = parseAwsError('s3', status, headers(), bytes(body));
        expect(error.statusCode).toBe(status);
        expect(error.code.length).toBeGreaterThan(0);
      }),
    );
  });
});

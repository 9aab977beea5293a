import { AwsError } from '../../protocol/errors.ts';

/** S3's errors: AWS's codes, statuses and messages, with the extra elements S3 puts in `<Error>`. */
export const S3Errors = {
  noSuchBucket: (bucket: string) =>
    new AwsError('NoSuchBucket', 'The specified bucket does not exist', {
      status: 404,
      fields: { BucketName: bucket },
    }),
  noSuchKey: (key: string) =>
    new AwsError('NoSuchKey', 'The specified key does not exist.', { status: 404, fields: { Key: key } }),
  invalidBucketName: (bucket: string) =>
    new AwsError('InvalidBucketName', 'The specified bucket is not valid.', {
      status: 400,
      fields: { BucketName: bucket },
    }),
  bucketAlreadyOwnedByYou: (bucket: string) =>
    new AwsError(
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      { status: 409, fields: { BucketName: bucket } },
    ),
  bucketAlreadyExists: (bucket: string) =>
    new AwsError(
      'BucketAlreadyExists',
      'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
      { status: 409, fields: { BucketName: bucket } },
    ),
  bucketNotEmpty: (bucket: string) =>
    new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', {
      status: 409,
      fields: { BucketName: bucket },
    }),
  illegalLocationConstraint: (constraint: string | undefined) =>
    new AwsError(
      'IllegalLocationConstraintException',
      `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      { status: 400 },
    ),
  invalidLocationConstraint: (constraint: string) =>
    new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', {
      status: 400,
      fields: { LocationConstraint: constraint },
    }),
  keyTooLong: (size: number) =>
    new AwsError('KeyTooLongError', 'Your key is too long', {
      status: 400,
      fields: { Size: size, MaxSizeAllowed: 1024 },
    }),
  entityTooLarge: (size: number, max: number) =>
    new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
      status: 400,
      fields: { ProposedSize: size, MaxSizeAllowed: max },
    }),
  incompleteBody: () =>
    new AwsError(
      'IncompleteBody',
      'You did not provide the number of bytes specified by the Content-Length HTTP header',
      { status: 400 },
    ),
  invalidDigest: (md5: string) =>
    new AwsError('InvalidDigest', 'The Content-MD5 you specified was not valid.', {
      status: 400,
      fields: { 'Content-MD5': md5 },
    }),
  badDigest: (expected: string, calculated: string) =>
    new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', {
      status: 400,
      fields: { ExpectedDigest: expected, CalculatedDigest: calculated },
    }),
  badChecksum: (algorithm: string) =>
    new AwsError('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, {
      status: 400,
    }),
  invalidChecksumHeader: (header: string) =>
    new AwsError('InvalidRequest', `Value for ${header} header is invalid.`, { status: 400 }),
  invalidRange: (range: string, size: number) =>
    new AwsError('InvalidRange', 'The requested range is not satisfiable', {
      status: 416,
      fields: { RangeRequested: range, ActualObjectSize: size },
      headers: { 'Content-Range': `bytes */${size}` },
    }),
  preconditionFailed: (condition: string) =>
    new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
      status: 412,
      fields: { Condition: condition },
    }),
  /** 304: S3 answers with no body; the route strips it. */
  notModified: () => new AwsError('NotModified', 'Not Modified', { status: 304 }),
  invalidArgument: (message: string, name?: string, value?: string) =>
    new AwsError('InvalidArgument', message, {
      status: 400,
      fields: name === undefined ? {} : { ArgumentName: name, ArgumentValue: value },
    }),
  invalidRequest: (message: string) => new AwsError('InvalidRequest', message, { status: 400 }),
  copyToItself: () =>
    new AwsError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      { status: 400 },
    ),
  requestTimeout: () =>
    new AwsError(
      'RequestTimeout',
      'Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.',
      { status: 400 },
    ),
  tooBig: () => new AwsError('MaxMessageLengthExceeded', 'Your request was too big.', { status: 400 }),
  malformedXml: () =>
    new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      { status: 400 },
    ),
  noSuchUpload: (uploadId: string) =>
    new AwsError(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      { status: 404, fields: { UploadId: uploadId } },
    ),
};

/** Errors of bucket sub-resources, versions and access. */
export const S3AccessErrors = {
  accessDenied: () => new AwsError('AccessDenied', 'Access Denied', { status: 403 }),
  malformedPolicy: (message: string) => new AwsError('MalformedPolicy', message, { status: 400 }),
  noSuchBucketPolicy: (bucket: string) =>
    new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', {
      status: 404,
      fields: { BucketName: bucket },
    }),
  noSuchPublicAccessBlock: (bucket: string) =>
    new AwsError(
      'NoSuchPublicAccessBlockConfiguration',
      'The public access block configuration was not found',
      { status: 404, fields: { BucketName: bucket } },
    ),
  noSuchCors: (bucket: string) =>
    new AwsError('NoSuchCORSConfiguration', 'The CORS configuration does not exist', {
      status: 404,
      fields: { BucketName: bucket },
    }),
  noSuchLifecycle: (bucket: string) =>
    new AwsError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', {
      status: 404,
      fields: { BucketName: bucket },
    }),
  noSuchTagSet: (bucket: string) =>
    new AwsError('NoSuchTagSet', 'The TagSet does not exist', {
      status: 404,
      fields: { BucketName: bucket },
    }),
  invalidTag: (message: string) => new AwsError('InvalidTag', message, { status: 400 }),
  noSuchVersion: (key: string, versionId: string) =>
    new AwsError('NoSuchVersion', 'The specified version does not exist.', {
      status: 404,
      fields: { Key: key, VersionId: versionId },
    }),
  invalidVersionId: (versionId: string) =>
    new AwsError('InvalidArgument', 'Invalid version id specified', {
      status: 400,
      fields: { ArgumentName: 'versionId', ArgumentValue: versionId },
    }),
  /** GET or HEAD of a delete marker by its version id. */
  methodNotAllowed: (method: string, headers: Record<string, string> = {}) =>
    new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', {
      status: 405,
      fields: { Method: method, ResourceType: 'DeleteMarker' },
      headers,
    }),
  /** A key whose current version is a delete marker: 404 saying so in headers. */
  deletedKey: (key: string, versionId: string) =>
    new AwsError('NoSuchKey', 'The specified key does not exist.', {
      status: 404,
      fields: { Key: key },
      headers: { 'x-amz-delete-marker': 'true', 'x-amz-version-id': versionId },
    }),
  corsForbidden: (message: string) => new AwsError('AccessForbidden', message, { status: 403 }),
};

/** Multipart completion's errors. */
export const MultipartErrors = {
  invalidPart: (partNumber: number, etag: string | undefined) =>
    new AwsError(
      'InvalidPart',
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      { status: 400, fields: { PartNumber: partNumber, ETag: etag ?? '' } },
    ),
  invalidPartOrder: () =>
    new AwsError(
      'InvalidPartOrder',
      'The list of parts was not in ascending order. Parts must be ordered by part number.',
      { status: 400 },
    ),
  entityTooSmall: (size: number) =>
    new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', {
      status: 400,
      fields: { ProposedSize: size, MinSizeAllowed: 5 * 1024 * 1024 },
    }),
  checksumTypeMismatch: (expected: string | undefined, actual: string | undefined) =>
    new AwsError(
      'InvalidRequest',
      `Checksum Type mismatch occurred, expected checksum Type: ${expected?.toLowerCase() ?? 'null'}, actual checksum Type: ${actual?.toLowerCase() ?? 'null'}`,
      { status: 400 },
    ),
  missingPartChecksum: (algorithm: string, partNumber: number) =>
    new AwsError(
      'InvalidRequest',
      `The upload was created using a ${algorithm.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${partNumber} in the request.`,
      { status: 400 },
    ),
  invalidPartNumber: (partNumber: number) =>
    new AwsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', {
      status: 400,
      fields: { ArgumentName: 'partNumber', ArgumentValue: partNumber },
    }),
};

import { AwsError } from '../../protocol/errors.ts';

/** CloudFront's API errors, with AWS's codes, statuses and messages. */
export const CloudFrontErrors = {
  noSuchDistribution: () =>
    new AwsError('NoSuchDistribution', 'The specified distribution does not exist.', { status: 404 }),
  noSuchInvalidation: () =>
    new AwsError('NoSuchInvalidation', 'The specified invalidation does not exist.', { status: 404 }),
  noSuchOriginAccessControl: () =>
    new AwsError('NoSuchOriginAccessControl', 'The specified origin access control does not exist.', {
      status: 404,
    }),
  noSuchOriginAccessIdentity: () =>
    new AwsError(
      'NoSuchCloudFrontOriginAccessIdentity',
      'The specified origin access identity does not exist.',
      {
        status: 404,
      },
    ),
  noSuchCachePolicy: () =>
    new AwsError('NoSuchCachePolicy', 'The cache policy does not exist.', { status: 404 }),
  noSuchOriginRequestPolicy: () =>
    new AwsError('NoSuchOriginRequestPolicy', 'The origin request policy does not exist.', { status: 404 }),
  noSuchResponseHeadersPolicy: () =>
    new AwsError('NoSuchResponseHeadersPolicy', 'The response headers policy does not exist.', {
      status: 404,
    }),
  notDisabled: () =>
    new AwsError(
      'DistributionNotDisabled',
      'The distribution you are trying to delete has not been disabled.',
      {
        status: 409,
      },
    ),
  invalidIfMatch: () =>
    new AwsError('InvalidIfMatchVersion', 'The If-Match version is missing or not valid for the resource.', {
      status: 400,
    }),
  preconditionFailed: () =>
    new AwsError(
      'PreconditionFailed',
      'The precondition given in one or more of the request-header fields evaluated to false.',
      { status: 412 },
    ),
  inconsistentQuantities: () =>
    new AwsError('InconsistentQuantities', "The value of Quantity and the size of Items don't match.", {
      status: 400,
    }),
  invalidArgument: (message: string) => new AwsError('InvalidArgument', message, { status: 400 }),
  noSuchOrigin: () =>
    new AwsError('NoSuchOrigin', 'One or more of your origins or origin groups do not exist.', {
      status: 404,
    }),
};

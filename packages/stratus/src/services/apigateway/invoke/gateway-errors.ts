/**
 * An answer API Gateway gives itself instead of the integration's (its "gateway responses"),
 * with AWS's default status, `x-amzn-ErrorType` and body, byte for byte.
 */
export class GatewayError extends Error {
  readonly status: number;
  readonly errorType: string;
  readonly body: string;
  readonly contentType: string;

  constructor(status: number, errorType: string, body: string, contentType = 'application/json') {
    super(body);
    this.status = status;
    this.errorType = errorType;
    this.body = body;
    this.contentType = contentType;
  }
}

export const GatewayErrors = {
  /** Unknown resource or method: AWS answers as if the call were unsigned. */
  missingAuthenticationToken: () =>
    new GatewayError(
      403,
      'MissingAuthenticationTokenException',
      '{"message":"Missing Authentication Token"}',
    ),
  /** Unknown stage, or no stage in the URL. */
  forbidden: () => new GatewayError(403, 'ForbiddenException', '{"message":"Forbidden"}'),
  /** 500: Lambda refused the invocation (permission, throttling); 502: the function failed or answered badly. */
  internal: (status: 500 | 502 = 500) =>
    new GatewayError(status, 'InternalServerErrorException', '{"message": "Internal server error"}'),
  integrationTimeout: () =>
    new GatewayError(504, 'InternalServerErrorException', '{"message": "Endpoint request timed out"}'),
  /** Where Stratus cannot do what AWS would, it says so instead of pretending. */
  unsupported: (message: string) =>
    new GatewayError(500, 'InternalServerErrorException', JSON.stringify({ message })),
  unknownApi: (apiId: string) =>
    new GatewayError(
      404,
      'NotFoundException',
      JSON.stringify({ message: `Stratus has no REST API with id '${apiId}' in any region` }),
    ),
};

/** REST APIs take request bodies up to 10 MB. */
export const MAX_PAYLOAD_BYTES = 10_485_760;

/** AWS's REQUEST_TOO_LARGE answer, which (unlike other gateway responses) is plain text. */
export const requestTooLarge = () =>
  new GatewayError(
    413,
    'RequestTooLargeException',
    `HTTP content length exceeded ${MAX_PAYLOAD_BYTES} bytes.`,
    'text/plain',
  );

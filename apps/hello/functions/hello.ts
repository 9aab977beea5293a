import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

// Module state survives warm invocations of one execution environment, as on AWS.
let invocations = 0;
const coldStartedAt = new Date().toISOString();

export const handler = async (
  event: APIGatewayProxyEvent,
  context: Context,
): Promise<APIGatewayProxyResult> => {
  invocations += 1;
  const name = event.pathParameters?.name ?? event.queryStringParameters?.name ?? 'world';
  console.log(`greeting ${name} (invocation ${invocations} of this environment)`);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      message: `${process.env.GREETING ?? 'Hello'}, ${name}!`,
      invocations,
      coldStartedAt,
      requestId: context.awsRequestId,
      stage: event.requestContext.stage,
      flavour: event.stageVariables?.flavour,
    }),
  };
};

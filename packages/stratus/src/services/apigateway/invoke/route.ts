import type { RawRoute } from '../../service.ts';
import { MAX_PAYLOAD_BYTES, requestTooLarge } from './gateway-errors.ts';
import { RestApiInvoker } from './invoker.ts';
import { parseInvokeTarget } from './target.ts';

/** The invoke URLs of every REST API, path style and host style, as one edge route. */
export function invokeRoute(invoker: RestApiInvoker): RawRoute {
  return {
    name: 'apigateway-invoke',
    match: (probe) => parseInvokeTarget(probe) !== undefined,
    handle: (req) => invoker.handle(req, parseInvokeTarget(req)!),
    maxBodyBytes: MAX_PAYLOAD_BYTES,
    tooLarge: () => RestApiInvoker.tooLarge(requestTooLarge()),
  };
}

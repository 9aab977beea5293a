import type { HttpResponse } from '../../../../protocol/http.ts';
import { GatewayErrors } from '../gateway-errors.ts';
import type { RoutedInvocation } from '../invocation.ts';
import { invokeLambdaProxy, type LambdaProxyDeps } from './lambda-proxy.ts';
import { invokeMock } from './mock.ts';

/** Runs the method's integration and returns what the client gets (throws a GatewayError as it is). */
export function integrate(
  inv: RoutedInvocation,
  deps: LambdaProxyDeps,
): Promise<HttpResponse> | HttpResponse {
  const integration = inv.route.method.methodIntegration;
  switch (integration?.type) {
    case 'AWS_PROXY':
      return invokeLambdaProxy(inv, deps);
    case 'MOCK':
      return invokeMock(inv, deps.logger);
    default: {
      const message = `Stratus does not support ${integration?.type ?? 'missing'} integrations yet (method ${inv.request.method} ${inv.route.resource.path} of API ${inv.located.api.id}); AWS_PROXY (Lambda) and MOCK work.`;
      deps.logger.error(message);
      throw GatewayErrors.unsupported(message);
    }
  }
}

import { type Check, type CheckContext, summarize } from './context.js';

export const noServerErrors: Check = {
  name: 'no-server-errors',
  description: 'no exchange of the run got a 5xx',
  run: checkNoServerErrors,
};

async function checkNoServerErrors(ctx: CheckContext): Promise<void> {
  for (const exchange of ctx.exchanges()) {
    if (exchange.response.status >= 500)
      ctx.fail(exchange, 'critical', 'no 5xx, whatever the request', summarize(exchange), exchange.operationId);
  }
}

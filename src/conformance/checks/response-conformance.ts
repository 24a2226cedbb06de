import type { Check, CheckContext } from './context.js';

export const responseConformance: Check = {
  name: 'response-conformance',
  description:
    'every exchange of the run: documented status, JSON content type, X-Request-Id, body matching the schema',
  run: checkResponseConformance,
};

async function checkResponseConformance(ctx: CheckContext): Promise<void> {
  // Answers to bodies that are not JSON at all are judged by malformed-requests (400, never a 5xx): a server
  // may reject them before it knows which operation they were for (Prism answers with its own problem+json).
  for (const exchange of ctx.exchanges()) {
    if (exchange.check === 'malformed-requests') continue;
    const problems = ctx.judge(exchange);
    if (problems.length > 0)
      ctx.fail(
        exchange,
        'major',
        `${exchange.operationId} answers as the contract documents`,
        problems.join('; '),
        exchange.operationId,
      );
  }
}

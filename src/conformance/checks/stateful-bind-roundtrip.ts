import { type Check, type CheckContext, expectStatus } from './context.js';
import { BIND, bindExample, UNBIND } from './bodies.js';

export const statefulBindRoundtrip: Check = {
  name: 'stateful-bind-roundtrip',
  description: 'bind → rebind (harmless) → unbind → bind again; an address used by a NIC is refused with 409 Ecs.0010',
  stateful: true,
  needs: [BIND],
  run: checkStatefulBindRoundtrip,
};

async function checkStatefulBindRoundtrip(ctx: CheckContext): Promise<void> {
  const ip = ctx.world.otherFreeVip;
  for (const step of ['bind', 'rebind'] as const) {
    const exchange = await ctx.bind(bindExample(ctx.world, ip));
    if (!expectStatus(ctx, exchange, [200], undefined, `${step} ${ip}`)) return;
    const portId = (exchange.response.json as { port_id?: string } | undefined)?.port_id;
    if (portId !== ctx.world.nicId)
      ctx.fail(exchange, 'major', `port_id ${ctx.world.nicId} (the NIC)`, `port_id ${String(portId)}`);
  }
  expectStatus(ctx, await ctx.bind(UNBIND), [200], undefined, 'unbind');
  expectStatus(ctx, await ctx.bind(bindExample(ctx.world, ip)), [200], undefined, `bind ${ip} again after the unbind`);
  expectStatus(
    ctx,
    await ctx.bind(bindExample(ctx.world, ctx.world.usedAddress)),
    [409],
    ['Ecs.0010'],
    `binding ${ctx.world.usedAddress}, an address a NIC uses`,
    'critical',
  );
  await ctx.bind(UNBIND);
}

import { type Check, type CheckContext, expectStatus } from './context.js';
import { ASSIGN, assignExample, BIND, bindExample } from './bodies.js';

/** Names nothing of any world has. */
const NO_SUCH_POOL = 'conform_no_such_pool';
const NO_SUCH_ID = '00000000-0000-4000-8000-00000000beef';

export const statefulNotFound: Check = {
  name: 'stateful-not-found',
  description:
    'a valid request naming what does not exist gets the documented answer: an unknown pool 404 VPC.0504, an unknown NIC 404 Ecs.0307, an unknown subnet 400 Ecs.0038',
  stateful: true,
  needs: [BIND, ASSIGN],
  run: checkStatefulNotFound,
};

async function checkStatefulNotFound(ctx: CheckContext): Promise<void> {
  const pool = assignExample(ctx.world);
  pool.publicip.publicip_pool_name = NO_SUCH_POOL;
  expectStatus(ctx, await ctx.assign(pool), [404], ['VPC.0504'], `an assign from pool ${NO_SUCH_POOL}`);
  expectStatus(
    ctx,
    await ctx.bind(bindExample(ctx.world), { nicId: NO_SUCH_ID }),
    [404],
    ['Ecs.0307'],
    `a bind on NIC ${NO_SUCH_ID}`,
  );
  const subnet = { nic: { subnet_id: NO_SUCH_ID, ip_address: ctx.world.freeVip, reverse_binding: true } };
  expectStatus(ctx, await ctx.bind(subnet), [400], ['Ecs.0038'], `a bind to subnet ${NO_SUCH_ID}`);
}
